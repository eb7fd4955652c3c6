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
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code r1 retry RUN}: a run waiting for its operator gets the retry signal (with overrides); an INTERRUPTED run
 * (its workflow was lost when the embedded server restarted) is restarted as a new run that reuses the old run's
 * committed stage outputs and names it as parent.
 */
@Command(name = "retry", mixinStandardHelpOptions = true,
        description = {"Retry the stage of a run that needs attention, optionally with config overrides;",
            "or restart an INTERRUPTED run as a new run reusing its committed stage outputs."})
public final class RetryCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN", description = "run id")
    String runId;

    @Option(names = "--stage", paramLabel = "STAGE", description = "the stage to retry (must be the one that needs"
            + " attention); makes --set keys relative to its spec section")
    String stage;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "config override, e.g. learning_rate=1e-4 with"
            + " --stage, or r1_zero.learning_rate=1e-4 (repeatable)")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Mixin ConnectionOptions connection;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StageName stageName;
        try {
            stageName = stage == null ? null : Stages.parse(stage);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        try (ConnectionOptions.Session s = connection.open()) {
            Optional<RunRecord> record = s.catalog().get(runId);
            Optional<WorkflowExecutionStatus> wf = TemporalConnection.describe(s.client(), runId,
                    record.map(RunRecord::temporalRunId).orElse(null));
            if (wf.isPresent() && wf.get() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
                return signal(s, stageName, out, err);
            }
            if (wf.isEmpty() && record.isPresent() && record.get().state().expectsLiveWorkflow()) {
                return restart(s, record.get(), stageName, out, err);
            }
            err.println("run " + runId + " cannot be retried: " + (record.isEmpty() && wf.isEmpty()
                    ? "no such run (see r1 runs)" : "it has ended (" + wf.map(Enum::name).orElse(
                            record.map(r -> r.state().name()).orElse("?")) + ")"));
            return 1;
        }
    }

    private int signal(ConnectionOptions.Session s, StageName stageName, PrintWriter out, PrintWriter err)
            throws InterruptedException {
        PipelineWorkflow wf = s.client().newWorkflowStub(PipelineWorkflow.class, runId);
        wf.retry(new RetryRequest(stageName, stageName == null ? overrides : Stages.absolute(stageName, overrides)));
        Thread.sleep(300);
        PipelineStatus after = wf.status();
        if (after.attentionReason() != null && after.attentionReason().startsWith("retry refused")) {
            err.println(after.attentionReason());
            return 1;
        }
        out.println("retry signalled to " + runId + "; follow it with: r1 status " + runId);
        return 0;
    }

    private int restart(ConnectionOptions.Session s, RunRecord interrupted, StageName stageName, PrintWriter out,
            PrintWriter err) {
        try {
            RunRecord next = new RunLauncher(s.client(), s.store(), Clock.systemUTC())
                    .restart(interrupted, Stages.absolute(stageName, overrides));
            out.println(next.runId());
            err.println("run " + runId + " was interrupted; started " + next.runId() + " reusing the committed"
                    + " outputs of " + next.outputs().keySet());
            return 0;
        } catch (SpecException e) {
            err.println(e.getMessage());
            return 2;
        }
    }
}
