package io.r1forge.stages.grpo;

import java.nio.file.Path;

/**
 * What a GRPO stage produced.
 *
 * @param finalMetrics the last step's metrics (null if the stage had no step left to run)
 * @param steps GRPO steps completed in total (including those before a resume)
 * @param wallSeconds wall time of this run (since the resume, if any)
 * @param checkpoint the final checkpoint directory (Hugging Face layout)
 * @param metricsFile one {@link StepMetrics} per line, steps 1..steps
 * @param samplesFile the last steps' completions with rewards ({@link SampleRecord} per line)
 */
public record GrpoStageResult(
        StepMetrics finalMetrics, long steps, double wallSeconds, Path checkpoint, Path metricsFile,
        Path samplesFile) {}
