package io.r1forge.stages.grpo;

import io.r1forge.stages.rewards.Reward;
import java.util.List;

/**
 * The rewards of a GRPO run.
 *
 * @param training the reward advantages come from, usually a {@code WeightedReward} (paper: accuracy + format,
 *     plus language consistency in stage 3)
 * @param metrics rewards measured for the metrics only; accuracy and format are always measured
 */
public record GrpoRewards(Reward training, List<Reward> metrics) {
    public GrpoRewards {
        java.util.Objects.requireNonNull(training, "training");
        metrics = List.copyOf(metrics);
    }

    /** Just a training reward. */
    public static GrpoRewards of(Reward training) {
        return new GrpoRewards(training, List.of());
    }
}
