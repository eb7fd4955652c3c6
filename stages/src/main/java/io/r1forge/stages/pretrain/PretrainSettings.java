package io.r1forge.stages.pretrain;

/**
 * Pre-training of the tiny base (DESIGN §3: AdamW 3e-3 cosine; ~420 s on 2 cores gave greedy pass@1 ~0.7).
 *
 * @param steps optimizer steps
 * @param batchSize sequences per step
 * @param seqLength tokens per sequence (documents packed, separated by EOS)
 * @param learningRate peak LR (3e-3 measured to work)
 * @param warmupSteps linear warm-up
 * @param minLrRatio cosine floor as a fraction of the peak
 * @param maxGradNorm global-norm clipping
 * @param weightDecay AdamW weight decay
 * @param evalEvery report held-out pass@1 every this many steps (0 = only at the end)
 * @param evalProblems held-out problems per progress evaluation
 * @param evalSamples samples per problem for the sampled pass@1 of progress evaluations
 * @param checkpointEvery resumable snapshot every this many steps (0 = none)
 */
public record PretrainSettings(
        int steps,
        int batchSize,
        int seqLength,
        double learningRate,
        int warmupSteps,
        double minLrRatio,
        double maxGradNorm,
        double weightDecay,
        int evalEvery,
        int evalProblems,
        int evalSamples,
        int checkpointEvery) {
    public PretrainSettings {
        if (steps < 1 || batchSize < 1 || seqLength < 2 || evalEvery < 0 || checkpointEvery < 0) {
            throw new IllegalArgumentException("invalid pre-training settings: " + this);
        }
    }
}
