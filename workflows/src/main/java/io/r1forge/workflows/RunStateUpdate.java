package io.r1forge.workflows;

/**
 * A change of run state written to the run catalog in S3 by {@link ControlActivities#recordRunState}: the
 * catalog, not Temporal visibility, lists runs (the embedded server has no visibility queries, DESIGN §6).
 *
 * @param runId      the run
 * @param specSha256 the spec's hash, so the catalog can find runs of the same spec
 * @param state      the run's state after the change
 * @param stage      the stage the change is about; null for run-level changes (start, end)
 * @param stageStatus that stage's status after the change; null when {@code stage} is null
 * @param reason     attention, abort or failure reason; null otherwise
 */
public record RunStateUpdate(
        String runId, String specSha256, RunState state, StageName stage, StageStatus stageStatus, String reason) {}
