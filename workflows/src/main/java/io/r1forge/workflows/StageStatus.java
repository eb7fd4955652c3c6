package io.r1forge.workflows;

import java.util.Map;

/**
 * One stage's row in {@link PipelineStatus}.
 *
 * @param state    the stage's state
 * @param attempts run-wide attempts finished so far (automatic and operator retries together; the running one
 *                 is not counted until it ends; 0 for stages committed by an earlier run)
 * @param progress the final progress once the stage ended; null while it runs: live progress is the pending
 *                 activity's heartbeat details, which only DescribeWorkflowExecution shows (see
 *                 {@link PipelineWorkflow#status()})
 * @param metrics  the stage's result metrics (eval metrics for checkpoint stages)
 * @param outputs  output key → committed artifact
 */
public record StageStatus(
        StageState state,
        int attempts,
        StageProgress progress,
        Map<String, Double> metrics,
        Map<String, ArtifactRef> outputs) {
    public StageStatus {
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        outputs = outputs == null ? Map.of() : Map.copyOf(outputs);
    }
}
