package io.r1forge.stages.rewards;

/**
 * A rule-based reward: a pure function of a problem and what the model wrote. {@code NaN} means
 * "cannot score" (e.g. no words to judge the language of); {@link WeightedReward} counts it as 0
 * and reports it.
 */
public interface Reward {
    /** Registry name, e.g. {@code accuracy}. */
    String name();

    /** Version of the rule; recorded in lineage manifests so a changed rule is visible. */
    String version();

    /** The reward of one completion. */
    double score(RewardInput in);
}
