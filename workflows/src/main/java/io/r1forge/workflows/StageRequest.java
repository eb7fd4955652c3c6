package io.r1forge.workflows;

import java.util.Map;

/**
 * The one argument of {@link StageActivities#runStage}.
 *
 * <p>{@code attempt} is the run-wide number of the first Temporal attempt of this activity call: attempts keep
 * counting across operator retries. The activity's own attempt number is therefore
 * {@code attempt + ActivityInfo.getAttempt() - 1}; with {@code (runId, stage, thatAttempt, step)} it keys the
 * idempotent artifact writes (STYLE 10).
 *
 * @param runId      the run
 * @param stage      which stage to run (the implementation dispatches on it)
 * @param attempt    run-wide attempt number of this call's first Temporal attempt (1-based)
 * @param configJson the stage's config section (opaque to the workflow)
 * @param inputs     input key ({@link StageName#IN_MODEL}, {@link StageName#IN_DATA}) → parent output
 * @param overrides  operator overrides of config fields (e.g. {@code "learning_rate" → "1e-4"}), applied by the
 *                   activity on top of {@code configJson}; accumulated over operator retries, later ones win
 */
public record StageRequest(
        String runId,
        StageName stage,
        int attempt,
        String configJson,
        Map<String, ArtifactRef> inputs,
        Map<String, String> overrides) {
    public StageRequest {
        inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
        overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
    }
}
