package io.r1forge.stages.spec;

/**
 * A supervised fine-tuning stage (cold start, rejection-sampling SFT, distillation); names as TRL's
 * {@code SFTConfig} where it has them.
 *
 * @param learningRate AdamW learning rate (TRL 2e-5). Paper: not stated for cold start; tiny 1e-3.
 * @param epochs passes over the data set. Paper: 2 for the 800k-sample SFT of stage 4b.
 * @param batchSize sequences per optimizer step (TRL per_device_train_batch_size 8).
 * @param maxSeqLength tokens per sequence, prompt + completion (TRL max_length 1024).
 * @param warmupSteps linear warm-up steps.
 * @param seed data order and initialisation seed.
 * @param checkpointEvery steps between committed checkpoints.
 * @param weightDecay AdamW decoupled weight decay (TRL 0.0).
 * @param maxGradNorm global-norm clipping (TRL 1.0).
 * @param maxSteps optional: stop after this many steps even if the epochs are not done (TRL {@code max_steps}, which
 *     there overrides the epochs too); absent = the epochs decide.
 */
public record SftConfig(
        double learningRate,
        int epochs,
        int batchSize,
        int maxSeqLength,
        int warmupSteps,
        long seed,
        int checkpointEvery,
        double weightDecay,
        double maxGradNorm,
        @OptionalField Integer maxSteps) {

    /** A stage whose epochs decide its length. */
    public SftConfig(double learningRate, int epochs, int batchSize, int maxSeqLength, int warmupSteps, long seed,
            int checkpointEvery, double weightDecay, double maxGradNorm) {
        this(learningRate, epochs, batchSize, maxSeqLength, warmupSteps, seed, checkpointEvery, weightDecay,
                maxGradNorm, null);
    }

    /** The step cap: the smaller of {@code maxSteps} and {@code cap} among those set (positive); 0 = none. */
    public int stepCap(int cap) {
        if (maxSteps == null) {
            return cap;
        }
        return cap > 0 ? Math.min(cap, maxSteps) : maxSteps;
    }
}
