package io.r1forge.stages.eval;

import io.r1forge.stages.rewards.AccuracyReward;
import io.r1forge.stages.rewards.AnswerEquivalence;
import io.r1forge.stages.rewards.Completions;
import io.r1forge.stages.rewards.FormatReward;
import io.r1forge.stages.rewards.LanguageConsistencyReward;
import io.r1forge.stages.rewards.Reward;
import io.r1forge.stages.rewards.RewardInput;
import io.r1forge.stages.rewards.SelfCheck;
import io.r1forge.stages.tasks.Problem;
import java.math.BigInteger;
import java.util.Map;

/** Scores one completion with the project's rule rewards; the same rules train and evaluate. */
public final class SampleScoring {
    public static final Reward ACCURACY = new AccuracyReward();
    public static final Reward FORMAT = new FormatReward();
    public static final Reward LANGUAGE = new LanguageConsistencyReward();

    private SampleScoring() {}

    /** The scores of one completion of {@code problem} that is {@code lengthTokens} tokens long. */
    public static SampleScore score(Problem problem, String completion, int lengthTokens) {
        RewardInput in = new RewardInput(problem, completion);
        String answer = Completions.answer(completion).map(SampleScoring::voteKey).orElse(null);
        return new SampleScore(answer, ACCURACY.score(in), FORMAT.score(in), LANGUAGE.score(in), lengthTokens,
                SelfCheck.detect(Completions.thought(completion).orElse(completion)));
    }

    /**
     * The cons@k vote key of an extracted answer, normalised as {@link AnswerEquivalence} compares: numbers by
     * their reduced fraction ({@code "0.5"}, {@code "1/2"} → {@code "1/2"}), other text with whitespace removed.
     * An empty answer does not vote ({@code null}).
     */
    public static String voteKey(String answer) {
        if (answer.isBlank()) {
            return null;
        }
        return AnswerEquivalence.rational(answer)
                .map((BigInteger[] r) -> r[0] + "/" + r[1])
                .orElse(answer.replaceAll("\\s+", ""));
    }

    /** Reward name → version of the rules used, for lineage. */
    public static Map<String, String> versions() {
        return Map.of(ACCURACY.name(), ACCURACY.version(), FORMAT.name(), FORMAT.version(),
                LANGUAGE.name(), LANGUAGE.version());
    }
}
