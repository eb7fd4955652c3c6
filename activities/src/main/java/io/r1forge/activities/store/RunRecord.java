package io.r1forge.activities.store;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One pipeline run in the catalog ({@code runs/<runId>/run.json}).
 *
 * @param specSha256    sha256 of the canonical pipeline spec
 * @param temporalRunId Temporal's run id of the workflow execution (the workflow id may be reused)
 * @param stage         the current (or last) stage name
 * @param parentRunId   the interrupted run this one retries, or null
 * @param outputs       stage → output name → artifact id, for stages committed so far
 */
public record RunRecord(
        String runId,
        String name,
        String specSha256,
        String workflowId,
        String temporalRunId,
        RunState state,
        String stage,
        Instant createdAt,
        Instant updatedAt,
        String parentRunId,
        Map<String, Map<String, String>> outputs) {
    public RunRecord {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(state, "state");
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        (outputs == null ? Map.<String, Map<String, String>>of() : outputs)
                .forEach((s, m) -> copy.put(s, Map.copyOf(m)));
        outputs = Collections.unmodifiableMap(copy);
    }

    public RunRecord withState(RunState newState, String newStage, Instant now) {
        return new RunRecord(runId, name, specSha256, workflowId, temporalRunId, newState, newStage, createdAt, now,
                parentRunId, outputs);
    }

    /** Adds one committed stage output, e.g. {@code ("r1-zero", "checkpoint", "checkpoint/run-1/r1-zero/...")}. */
    public RunRecord withOutput(String outputStage, String outputName, String artifactId, Instant now) {
        Map<String, Map<String, String>> next = new LinkedHashMap<>(outputs);
        Map<String, String> forStage = new LinkedHashMap<>(next.getOrDefault(outputStage, Map.of()));
        forStage.put(outputName, artifactId);
        next.put(outputStage, forStage);
        return new RunRecord(runId, name, specSha256, workflowId, temporalRunId, state, stage, createdAt, now,
                parentRunId, next);
    }
}
