package io.r1forge.stages.grpo;

import io.r1forge.stages.tasks.Problem;
import java.util.List;
import java.util.Map;

/**
 * One GRPO batch: the G sampled completions of P prompts and what the policy update reads, all host side
 * (tensors are built from it per micro-batch inside the update step, and die with it).
 *
 * <p>B = P × G rows; row i answers {@code problems[i / G]}. Per-token arrays are ragged, one entry per
 * completion token in order: the completion mask of the update's [b, T−1] tensors is exactly these positions
 * ({@link Ragged} moves between the two forms).
 *
 * @param problems [P] the prompts' problems
 * @param groupSize G
 * @param promptIds [B][prompt length] the rendered prompt's token ids (unpadded)
 * @param completionIds [B][completion length] sampled ids, the EOS token included when the model stopped
 * @param texts [B] decoded completions (EOS excluded), what the rewards read
 * @param rewards [B] total (weighted) reward, the one advantages come from
 * @param rewardsByName reward name → [B] raw value of each component and metric reward (NaN = cannot score)
 * @param advantages [B] group-relative advantages ({@link GrpoMath#groupAdvantages})
 * @param oldLogps [B][completion length] log π_old of each completion token; null when numIterations = 1 (then
 *     π_old is the policy itself, detached, as in TRL)
 * @param refLogps [B][completion length] log π_ref of each completion token; null when β = 0
 */
public record Rollout(
        List<Problem> problems,
        int groupSize,
        List<int[]> promptIds,
        List<int[]> completionIds,
        List<String> texts,
        double[] rewards,
        Map<String, double[]> rewardsByName,
        float[] advantages,
        float[][] oldLogps,
        float[][] refLogps) {

    /** B, the number of completions. */
    public int size() {
        return completionIds.size();
    }

    /** Number of completion tokens in the batch (the sum of the completion mask). */
    public long tokenCount() {
        return completionIds.stream().mapToLong(c -> c.length).sum();
    }

    /** The same rollout with π_old and π_ref log-probabilities filled in. */
    public Rollout withLogps(float[][] old, float[][] ref) {
        return new Rollout(problems, groupSize, promptIds, completionIds, texts, rewards, rewardsByName,
                advantages, old, ref);
    }
}
