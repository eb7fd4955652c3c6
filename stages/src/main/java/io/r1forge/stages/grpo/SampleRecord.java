package io.r1forge.stages.grpo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One sampled completion as the samples JSONL stores it (cold-start SFT curates from R1-Zero samples).
 *
 * @param step the GRPO step that sampled it (1-based)
 * @param problemId {@code Problem.id}
 * @param family task family
 * @param language prompt language
 * @param prompt the problem's question (not the rendered template)
 * @param answer the reference answer
 * @param completion the decoded completion
 * @param completionTokens its length in tokens
 * @param reward the training reward
 * @param rewards each reward by name (NaN = cannot score)
 * @param advantage its group advantage
 */
public record SampleRecord(
        long step,
        String problemId,
        String family,
        String language,
        String prompt,
        String answer,
        String completion,
        int completionTokens,
        double reward,
        Map<String, Double> rewards,
        double advantage) {

    /** All B completions of a step's rollout. */
    public static List<SampleRecord> of(long step, Rollout r) {
        return java.util.stream.IntStream.range(0, r.size()).mapToObj(i -> {
            var p = r.problems().get(i / r.groupSize());
            Map<String, Double> byName = new LinkedHashMap<>();
            r.rewardsByName().forEach((name, v) -> byName.put(name, v[i]));
            return new SampleRecord(step, p.id(), p.family(), p.language().name(), p.prompt(), p.answer(),
                    r.texts().get(i), r.completionIds().get(i).length, r.rewards()[i], byName, r.advantages()[i]);
        }).toList();
    }
}
