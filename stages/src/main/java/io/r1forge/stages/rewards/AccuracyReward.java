package io.r1forge.stages.rewards;

import io.r1forge.stages.tasks.Families;
import io.r1forge.stages.tasks.Problem;

/**
 * 1 if the final answer is right, else 0 (paper §2.2.2, "accuracy rewards"). The answer is
 * {@link Completions#answer}: the last {@code <answer>} (or {@code \boxed{}}); numbers in the chain
 * of thought never count. Numeric answers compare by {@link AnswerEquivalence}; countdown answers
 * are checked by {@link CountdownCheck} (any expression using the given numbers at most once and
 * reaching the target). NaN if the problem has no reference answer.
 *
 * <p>Example: problem "What is 1 - 1/2?" with answer "1/2", completion {@code "<think> 1 - 0.5 =
 * 0.5 </think> <answer> 0.5 </answer>"} scores 1.0; {@code "<think> it is 0.5 </think>"} scores 0.0
 * (no answer).
 */
public final class AccuracyReward implements Reward {
    @Override
    public String name() {
        return "accuracy";
    }

    @Override
    public String version() {
        return "accuracy-1";
    }

    @Override
    public double score(RewardInput in) {
        Problem p = in.problem();
        if (p.answer().isBlank() && !p.family().equals(Families.COUNTDOWN)) {
            return Double.NaN;
        }
        String got = Completions.answer(in.completion()).orElse("");
        if (got.isEmpty()) {
            return 0.0;
        }
        if (p.family().equals(Families.COUNTDOWN)) {
            return CountdownCheck.check(p, got);
        }
        return AnswerEquivalence.equivalent(got, p.answer()) ? 1.0 : 0.0;
    }
}
