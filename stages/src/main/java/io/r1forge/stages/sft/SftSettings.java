package io.r1forge.stages.sft;

/**
 * SFT hyper-parameters (TRL {@code SFTConfig} names where they exist).
 *
 * @param epochs passes over the data (paper §2.3.3: 2 epochs for the ~800k-sample SFT of stage 4b)
 * @param batchSize examples per optimizer step ({@code per_device_train_batch_size × gradient_accumulation})
 * @param microBatchSize examples per forward/backward (memory bound); gradients are accumulated
 * @param learningRate peak LR after warm-up, then cosine
 * @param warmupSteps linear warm-up steps
 * @param minLrRatio the cosine floor as a fraction of the peak
 * @param maxGradNorm global-norm clipping threshold ({@code max_grad_norm}, TRL default 1.0)
 * @param weightDecay AdamW decoupled weight decay
 * @param maxSeqLength prompt + completion tokens kept ({@code max_seq_length}); completions are truncated
 * @param checkpointEvery save checkpoint + training state every this many steps (0 = only at the end)
 * @param maxSteps stop after this many steps (0 = {@code epochs} decide)
 */
public record SftSettings(
        double epochs,
        int batchSize,
        int microBatchSize,
        double learningRate,
        int warmupSteps,
        double minLrRatio,
        double maxGradNorm,
        double weightDecay,
        int maxSeqLength,
        int checkpointEvery,
        int maxSteps) {
    public SftSettings {
        if (!(epochs > 0) || batchSize < 1 || microBatchSize < 1 || maxSeqLength < 2 || checkpointEvery < 0
                || maxSteps < 0 || !(learningRate >= 0)) {
            throw new IllegalArgumentException("invalid SFT settings: " + this);
        }
    }
}
