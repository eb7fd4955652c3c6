package io.r1forge.stages.rewards;

import io.r1forge.stages.tasks.Language;
import java.util.List;

/**
 * The share of target-language words in the chain of thought (paper §2.3.2): the target language
 * is the problem's, the chain of thought is {@link Completions#thought} and words are {@link
 * TextUnits#words}. NaN if there is no {@code <think>} or the thought has no words.
 *
 * <p>Example: Chinese problem, thought {@code "3 加 5 得 8, then 8 minus 2 is 6"}: Chinese words 加,
 * 得 (2), English words then, minus, is (3), digits ignored: score 2 / 5 = 0.4.
 */
public final class LanguageConsistencyReward implements Reward {
    @Override
    public String name() {
        return "language";
    }

    @Override
    public String version() {
        return "language-1";
    }

    @Override
    public double score(RewardInput in) {
        return Completions.thought(in.completion())
                .map(t -> share(TextUnits.words(t), in.problem().language()))
                .orElse(Double.NaN);
    }

    /** Fraction of words in {@code target}; NaN for no words. */
    public static double share(List<TextUnits.Word> words, Language target) {
        if (words.isEmpty()) {
            return Double.NaN;
        }
        long hits = words.stream().filter(w -> w.language() == target).count();
        return (double) hits / words.size();
    }
}
