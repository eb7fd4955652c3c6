package io.r1forge.cli.commands;

import io.r1forge.activities.run.TemporalConnection;
import io.r1forge.workflows.PipelineProgress;
import io.r1forge.workflows.PipelineResult;
import io.r1forge.workflows.PipelineStatus;
import io.r1forge.workflows.PipelineWorkflow;
import io.r1forge.workflows.RunState;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowStub;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Follows a run until it ends: every {@link #POLL} the status query plus the running stage's heartbeat
 * (DescribeWorkflowExecution), redrawn on a terminal, printed when changed otherwise. Returns the exit code:
 * 0 when the run COMPLETED, 1 when it ended otherwise or stopped to wait for an operator.
 */
final class RunFollower {
    static final Duration POLL = Duration.ofSeconds(1);

    private final WorkflowClient client;
    private final PrintWriter err;
    private final boolean tty = System.console() != null;
    private List<String> shown = List.of();

    RunFollower(WorkflowClient client, PrintWriter err) {
        this.client = client;
        this.err = err;
    }

    int follow(String runId) throws InterruptedException {
        PipelineWorkflow wf = client.newWorkflowStub(PipelineWorkflow.class, runId);
        while (true) {
            Optional<WorkflowExecutionStatus> described = TemporalConnection.describe(client, runId, null);
            if (described.isEmpty()) {
                err.println("run " + runId + ": the Temporal server no longer knows its workflow (interrupted);"
                        + " restart it with: r1 retry " + runId);
                return 1;
            }
            if (described.get() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
                return finish(runId);
            }
            PipelineStatus status = wf.status();
            show(ProgressView.lines(status, PipelineProgress.live(client, runId)));
            if (status.state() == RunState.NEEDS_ATTENTION) {
                err.println("run " + runId + " needs attention; decide with: r1 retry " + runId
                        + " [--set key=value] | r1 skip " + runId + " | r1 abort " + runId);
                return 1;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private int finish(String runId) {
        try {
            PipelineResult result = WorkflowStub.fromTyped(client.newWorkflowStub(PipelineWorkflow.class, runId))
                    .getResult(PipelineResult.class);
            show(ProgressView.lines(new PipelineStatus(runId, result.state(), null, result.stages(),
                    result.reason()), Optional.empty()));
            if (result.finalModel() != null) {
                err.println("final model: " + result.finalModel().id());
            }
            return result.state() == RunState.COMPLETED ? 0 : 1;
        } catch (WorkflowException e) {
            err.println("run " + runId + " ended without a result: " + e.getCause());
            return 1;
        }
    }

    private void show(List<String> lines) {
        if (lines.equals(shown)) {
            return;
        }
        if (tty && !shown.isEmpty()) {
            err.print("\033[" + shown.size() + "A\033[J");
        }
        lines.forEach(err::println);
        err.flush();
        shown = lines;
    }
}
