package io.r1forge.workflows;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import java.util.Optional;

/**
 * Client side of progress reporting: the live {@link StageProgress} of a run's running stage, read from the
 * heartbeat details of its pending {@code RunStage} activity (DescribeWorkflowExecution). The workflow cannot see
 * heartbeats, so {@link PipelineWorkflow#status()} leaves the running stage's progress null and a client (CLI,
 * console) fills it in from here. Stages run one at a time, so the pending stage activity belongs to
 * {@code status().current()}.
 */
public final class PipelineProgress {
    private PipelineProgress() {}

    /** A running stage attempt as the server sees it. */
    public record LiveStage(int temporalAttempt, StageProgress progress /* null before the first heartbeat */,
                            String lastFailure /* null if the attempt has not failed before */) {}

    /** The pending stage activity of run {@code workflowId}, if a stage is running or waiting for a retry. */
    public static Optional<LiveStage> live(WorkflowClient client, String workflowId) {
        DescribeWorkflowExecutionResponse described = client.getWorkflowServiceStubs().blockingStub()
                .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                        .setNamespace(client.getOptions().getNamespace())
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                        .build());
        return described.getPendingActivitiesList().stream()
                .filter(a -> StageActivities.RUN_STAGE.equals(a.getActivityType().getName()))
                .findFirst()
                .map(a -> toLive(client, a));
    }

    private static LiveStage toLive(WorkflowClient client, PendingActivityInfo a) {
        StageProgress progress = a.hasHeartbeatDetails()
                ? client.getOptions().getDataConverter().fromPayloads(
                        0, Optional.of(a.getHeartbeatDetails()), StageProgress.class, StageProgress.class)
                : null;
        String failure = a.hasLastFailure() ? a.getLastFailure().getMessage() : null;
        return new LiveStage(a.getAttempt(), progress, failure);
    }
}
