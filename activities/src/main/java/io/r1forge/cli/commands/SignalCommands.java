package io.r1forge.cli.commands;

import io.r1forge.activities.run.TemporalConnection;
import io.r1forge.workflows.PipelineWorkflow;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowStub;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The operator's one-signal verbs on a running workflow: skip, abort, cancel. */
public final class SignalCommands {
    private SignalCommands() {}

    /** Shared: the run must have an open workflow; returns its stub, or prints why not. */
    abstract static class OnOpenRun extends SessionCommand {
        @Parameters(index = "0", paramLabel = "RUN", description = "run id")
        String runId;

        @Override
        int run(ConnectionOptions.Session s, PrintWriter out, PrintWriter err) {
            Optional<WorkflowExecutionStatus> st = TemporalConnection.describe(s.client(), runId, null);
            if (st.isEmpty() || st.get() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
                throw new Exit(FAILED, "run " + runId + " has no running workflow ("
                        + st.map(x -> x.name().replace("WORKFLOW_EXECUTION_STATUS_", "")).orElse("unknown to the"
                                + " Temporal server") + ")");
            }
            send(s.client().newWorkflowStub(PipelineWorkflow.class, runId));
            out.println(done());
            return 0;
        }

        abstract void send(PipelineWorkflow workflow);

        abstract String done();
    }

    @Command(name = "skip", mixinStandardHelpOptions = true,
            description = {"Skip the stage that needs attention.", "After a failed gate its outputs are accepted;"
                    + " after a failure only if no later stage needs them (else the refusal shows in r1 status)."})
    public static final class Skip extends OnOpenRun {
        @Override
        void send(PipelineWorkflow workflow) {
            workflow.skip();
        }

        @Override
        String done() {
            return "skip signalled to " + runId + "; see r1 status " + runId;
        }
    }

    @Command(name = "abort", mixinStandardHelpOptions = true,
            description = "End a run as ABORTED (a running stage activity is cancelled at its next heartbeat).")
    public static final class Abort extends OnOpenRun {
        @Option(names = "--reason", paramLabel = "TEXT", description = "why (recorded in the run's status)")
        String reason;

        @Override
        void send(PipelineWorkflow workflow) {
            workflow.abort(reason);
        }

        @Override
        String done() {
            return "abort signalled to " + runId;
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Cancel a run's workflow (Temporal cancellation; the run ends CANCELLED).")
    public static final class Cancel extends OnOpenRun {
        @Override
        void send(PipelineWorkflow workflow) {
            WorkflowStub.fromTyped(workflow).cancel();
        }

        @Override
        String done() {
            return "cancellation requested for " + runId;
        }
    }
}
