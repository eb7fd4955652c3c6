package io.r1forge.stages.rs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies the filters to all candidates in sampling order: content filters first, then dedupe of the
 * normalised completion within a prompt, then the per-prompt cap. Deterministic for a given candidate order.
 */
public final class Selector {
    /** A candidate and its verdict: {@code dropped} empty means kept. */
    public record Verdict(Candidate candidate, Optional<DropReason> dropped) {}

    private Selector() {}

    public static List<Verdict> select(List<Candidate> candidates, FilterConfig config) {
        Map<String, Set<String>> seen = new HashMap<>();
        Map<String, Integer> kept = new HashMap<>();
        List<Verdict> out = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            Optional<DropReason> reason = Filters.firstFailure(c, config);
            if (reason.isEmpty() && config.dedupe() && !seen.computeIfAbsent(c.promptId(), p -> new HashSet<>())
                    .add(Filters.normalise(c.completion()))) {
                reason = Optional.of(DropReason.DUPLICATE);
            }
            if (reason.isEmpty() && kept.getOrDefault(c.promptId(), 0) >= config.maxPerPrompt()) {
                reason = Optional.of(DropReason.OVER_CAP);
            }
            if (reason.isEmpty()) {
                kept.merge(c.promptId(), 1, Integer::sum);
            }
            out.add(new Verdict(c, reason));
        }
        return out;
    }
}
