package io.r1forge.workflows;

import java.util.Map;

/**
 * What a stage activity returns: references to its committed outputs and a summary of its metrics.
 *
 * @param stage          the stage
 * @param outputs        output key → committed artifact, e.g. {@link StageName#OUT_CHECKPOINT},
 *                       {@link StageName#OUT_SAMPLES}, {@link StageName#OUT_DATASET}, {@link StageName#OUT_EVAL}
 * @param metrics        final metrics; for checkpoint stages the eval metrics the gate reads ({@code pass@1},
 *                       {@code cons@k}, {@code format_rate}, {@code language_consistency}, {@code mean_length})
 * @param steps          optimizer (or sampling) steps done in total
 * @param computeSeconds wall time spent on compute over all attempts
 * @param attempt        run-wide attempt that produced the result ({@code request.attempt + ActivityInfo.getAttempt()
 *                       - 1}); 0 = not reported, then the workflow counts the call as one attempt
 */
public record StageResult(
        StageName stage,
        Map<String, ArtifactRef> outputs,
        Map<String, Double> metrics,
        long steps,
        double computeSeconds,
        int attempt) {
    public StageResult {
        outputs = outputs == null ? Map.of() : Map.copyOf(outputs);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }

    /** A result without the attempt number (the workflow then counts one attempt for the call). */
    public StageResult(
            StageName stage, Map<String, ArtifactRef> outputs, Map<String, Double> metrics, long steps,
            double computeSeconds) {
        this(stage, outputs, metrics, steps, computeSeconds, 0);
    }
}
