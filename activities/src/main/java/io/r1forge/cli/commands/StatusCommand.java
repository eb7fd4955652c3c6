package io.r1forge.cli.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.r1forge.activities.run.TemporalConnection;
import io.r1forge.activities.store.RunCatalog;
import io.r1forge.activities.store.RunRecord;
import io.r1forge.workflows.PipelineProgress;
import io.r1forge.workflows.PipelineResult;
import io.r1forge.workflows.PipelineStatus;
import io.r1forge.workflows.PipelineWorkflow;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowStub;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code r1 status RUN}: stages, attempts, progress, latest metrics and the attention reason, from the workflow
 * (status query + the running stage's heartbeat) or, for a run the Temporal server no longer knows, the catalog.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show a run: stages, attempts, live progress, latest metrics, attention reason.")
public final class StatusCommand extends SessionCommand {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .findAndRegisterModules();

    @Parameters(index = "0", paramLabel = "RUN", description = "run id")
    String runId;

    @Option(names = "--json", description = "print JSON instead of a table")
    boolean json;

    @Override
    int run(ConnectionOptions.Session s, PrintWriter out, PrintWriter err) throws Exception {
        Optional<WorkflowExecutionStatus> wf = TemporalConnection.describe(s.client(), runId, null);
        if (wf.isEmpty()) {
            return fromCatalog(s.catalog(), out);
        }
        PipelineStatus status = status(s.client(), wf.get());
        Optional<PipelineProgress.LiveStage> live =
                wf.get() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
                        ? PipelineProgress.live(s.client(), runId) : Optional.empty();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("status", status);
            doc.put("live", live.orElse(null));
            out.println(JSON.writeValueAsString(doc));
        } else {
            ProgressView.lines(status, live).forEach(out::println);
        }
        return 0;
    }

    /** The status query on an open workflow; the result of a closed one (no worker needed to replay it). */
    private PipelineStatus status(WorkflowClient client, WorkflowExecutionStatus wf) {
        if (wf == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
            return client.newWorkflowStub(PipelineWorkflow.class, runId).status();
        }
        try {
            PipelineResult r = WorkflowStub.fromTyped(client.newWorkflowStub(PipelineWorkflow.class, runId))
                    .getResult(PipelineResult.class);
            return new PipelineStatus(runId, r.state(), null, r.stages(), r.reason());
        } catch (WorkflowException e) {
            return new PipelineStatus(runId, io.r1forge.workflows.RunState.CANCELLED, null, Map.of(),
                    String.valueOf(e.getCause()));
        }
    }

    private int fromCatalog(RunCatalog catalog, PrintWriter out) throws Exception {
        RunRecord r = RunCatalog.effective(catalogRun(catalog, runId,
                "no run '" + runId + "' in the catalog or on the Temporal server; list runs with: r1 runs"), x -> false);
        if (json) {
            out.println(JSON.writeValueAsString(r));
        } else {
            out.println("run " + r.runId() + "  " + r.state() + "  (last stage " + r.stage() + ")");
            r.outputs().forEach((stage, outputs) -> out.println("  " + stage + " committed: " + outputs.values()));
            out.println("  the Temporal server does not know this run's workflow; restart it with: r1 retry " + runId);
        }
        return 0;
    }
}
