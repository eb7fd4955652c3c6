package io.r1forge.workflows;

import java.util.Map;

/**
 * What {@link PipelineWorkflow#run} returns when the run ends by itself or by abort (cancellation ends the
 * workflow execution as cancelled instead, without a result).
 *
 * @param runId      the run
 * @param state      COMPLETED or ABORTED
 * @param stages     final status of every stage, in DAG order
 * @param finalModel checkpoint of the last checkpoint stage that produced one; null if none did
 * @param reason     why the run was aborted; null when completed
 */
public record PipelineResult(
        String runId, RunState state, Map<StageName, StageStatus> stages, ArtifactRef finalModel, String reason) {}
