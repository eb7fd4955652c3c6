package io.r1forge.stages.grpo;

import io.r1forge.stages.spec.GrpoConfig;
import io.r1forge.stages.tasks.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a GRPO stage runs on.
 *
 * @param baseCheckpoint the starting model (Hugging Face layout); also π_ref when β &gt; 0
 * @param outDir the stage's output directory; a snapshot found there is resumed
 * @param config GRPO hyper-parameters (maxSteps GRPO steps, checkpointEvery)
 * @param train the prompt source
 * @param rewards the training reward and the metric rewards
 * @param options micro-batch size and prompt template
 * @param sampleSteps how many of the last steps' completions go into {@code samples.jsonl}
 * @param listener progress after every step
 */
public record GrpoStageRequest(
        Path baseCheckpoint,
        Path outDir,
        GrpoConfig config,
        List<Problem> train,
        GrpoRewards rewards,
        GrpoTrainer.Options options,
        int sampleSteps,
        ProgressListener listener) {
    /** Samples of the last 8 steps are kept by default: 8 × 128 completions at the tiny preset. */
    public static final int DEFAULT_SAMPLE_STEPS = 8;

    public GrpoStageRequest {
        Objects.requireNonNull(baseCheckpoint, "baseCheckpoint");
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(config, "config");
        train = List.copyOf(train);
        Objects.requireNonNull(rewards, "rewards");
        options = options == null ? GrpoTrainer.Options.defaults() : options;
        if (sampleSteps < 0) {
            throw new IllegalArgumentException("sampleSteps must be >= 0, was " + sampleSteps);
        }
        listener = listener == null ? ProgressListener.NONE : listener;
    }

    /** Default options and sample retention. */
    public GrpoStageRequest(Path baseCheckpoint, Path outDir, GrpoConfig config, List<Problem> train,
            GrpoRewards rewards, ProgressListener listener) {
        this(baseCheckpoint, outDir, config, train, rewards, GrpoTrainer.Options.defaults(), DEFAULT_SAMPLE_STEPS,
                listener);
    }
}
