package io.r1forge.stages.rewards;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 1 if the completion is exactly {@code <think>…</think>} then {@code <answer>…</answer>} with only
 * whitespace around and between them and nothing after {@code </answer>} (a trailing EOS marker is
 * allowed), else 0 (paper §2.2.2, "format rewards"). Nested or repeated tags fail; an empty or blank
 * answer fails. Cold-start completions are scored after conversion ({@link Completions#normalize}).
 *
 * <p>Example: {@code " <think> 3 plus 5 is 8 </think> <answer> 8 </answer>"} → 1; {@code "<think> a
 * <think> b </think> <answer> 8 </answer>"} → 0; {@code "… </answer> so 8"} → 0.
 */
public final class FormatReward implements Reward {
    private static final Pattern SHAPE = Pattern.compile(
            "\\s*<think>(.*?)</think>\\s*<answer>(.*?)</answer>\\s*", Pattern.DOTALL);
    private static final Pattern ANY_TAG = Pattern.compile("</?(think|answer)>");

    @Override
    public String name() {
        return "format";
    }

    @Override
    public String version() {
        return "format-1";
    }

    @Override
    public double score(RewardInput in) {
        Matcher m = SHAPE.matcher(Completions.normalize(in.completion()));
        if (!m.matches()) {
            return 0.0;
        }
        boolean clean = !ANY_TAG.matcher(m.group(1)).find() && !ANY_TAG.matcher(m.group(2)).find();
        return clean && !m.group(2).isBlank() ? 1.0 : 0.0;
    }
}
