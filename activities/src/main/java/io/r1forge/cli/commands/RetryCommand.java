package io.r1forge.cli.commands;

import io.r1forge.activities.run.RunLauncher;
import io.r1forge.activities.run.TemporalConnection;
import io.r1forge.activities.store.RunRecord;
import io.r1forge.stages.spec.SpecException;
import io.r1forge.workflows.PipelineStatus;
import io.r1forge.workflows.PipelineWorkflow;
import io.r1forge.workflows.RetryRequest;
import io.r1forge.workflows.StageName;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code r1 retry RUN}: a run waiting for its operator gets the retry signal (with overrides); an INTERRUPTED run
 * (its workflow was lost when the embedded server restarted) is restarted as a new run that reuses the old run's
 * committed stage outputs and names it as parent.
 */
@Command(name = "retry", mixinStandardHelpOptions = true,
        description = {"Retry the stage of a run that needs attention, optionally with config overrides;",
            "or restart an INTERRUPTED run as a new run reusing its committed stage outputs."})
public final class RetryCommand extends SessionCommand {
    @Parameters(index = "0", paramLabel = "RUN", description = "run id")
    String runId;

    @Option(names = "--stage", paramLabel = "STAGE", description = "the stage to retry (must be the one that needs"
            + " attention); makes --set keys relative to its spec section")
    String stage;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "config override, e.g. learning_rate=1e-4 with"
            + " --stage, or r1_zero.learning_rate=1e-4 (repeatable)")
    Map<String, String> overrides = new LinkedHashMap<>();

    private StageName stageName;

    @Override
    void checkArguments() {
        try {
            stageName = stage == null ? null : Stages.parse(stage);
        } catch (IllegalArgumentException e) {
            throw new Exit(INVALID, e.getMessage());
        }
    }

    @Override
    int run(ConnectionOptions.Session s, PrintWriter out, PrintWriter err) throws InterruptedException {
        Optional<RunRecord> record = s.catalog().get(runId);
        Optional<WorkflowExecutionStatus> wf = TemporalConnection.describe(s.client(), runId,
                record.map(RunRecord::temporalRunId).orElse(null));
        if (wf.isPresent() && wf.get() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
            return signal(s, out);
        }
        if (wf.isEmpty() && record.isPresent() && record.get().state().expectsLiveWorkflow()) {
            return restart(s, record.get(), out, err);
        }
        throw new Exit(FAILED, "run " + runId + " cannot be retried: " + (record.isEmpty() && wf.isEmpty()
                ? "no such run (see r1 runs)" : "it has ended (" + wf.map(Enum::name).orElse(
                        record.map(r -> r.state().name()).orElse("?")) + ")"));
    }

    private int signal(ConnectionOptions.Session s, PrintWriter out) throws InterruptedException {
        PipelineWorkflow wf = s.client().newWorkflowStub(PipelineWorkflow.class, runId);
        wf.retry(new RetryRequest(stageName, stageName == null ? overrides : Stages.absolute(stageName, overrides)));
        Thread.sleep(300);
        PipelineStatus after = wf.status();
        if (after.attentionReason() != null && after.attentionReason().startsWith("retry refused")) {
            throw new Exit(FAILED, after.attentionReason());
        }
        out.println("retry signalled to " + runId + "; follow it with: r1 status " + runId);
        return 0;
    }

    private int restart(ConnectionOptions.Session s, RunRecord interrupted, PrintWriter out, PrintWriter err) {
        RunRecord next;
        try {
            next = new RunLauncher(s.client(), s.store(), Clock.systemUTC())
                    .restart(interrupted, Stages.absolute(stageName, overrides));
        } catch (SpecException e) {
            throw new Exit(INVALID, e.getMessage());
        }
        out.println(next.runId());
        err.println("run " + runId + " was interrupted; started " + next.runId() + " reusing the committed"
                + " outputs of " + next.outputs().keySet());
        return 0;
    }
}
