package io.r1forge.workflows;

import java.util.Map;

/**
 * Answer of the {@link PipelineWorkflow#status()} query.
 *
 * @param runId           the run
 * @param state           the run's state
 * @param current         the stage being run or waiting for an operator; null before the first and at the end
 * @param stages          every stage of the DAG, in DAG order
 * @param attentionReason why the run needs attention (or why an operator signal was refused); null otherwise
 */
public record PipelineStatus(
        String runId,
        RunState state,
        StageName current,
        Map<StageName, StageStatus> stages,
        String attentionReason) {}
