package io.r1forge.tests.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.r1forge.activities.run.RunLauncher;
import io.r1forge.activities.store.RunRecord;
import io.r1forge.activities.store.RunState;
import io.r1forge.stages.spec.PipelineSpec;
import io.r1forge.workflows.PipelineRequest;
import io.r1forge.workflows.PipelineWorkflow;
import io.r1forge.workflows.StagePlan;
import io.r1forge.workflows.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Starting pipeline runs on the stack: through {@code r1 run} like a user, or with short stage timeouts. */
public final class Pipelines {
    private Pipelines() {}

    /** {@code r1 run -f <spec>}; returns the new run's id, which the verb prints as its first line. */
    public static String runViaCli(EmbeddedStack stack, PipelineSpec spec) {
        Path file = ShortSpecs.write(spec, stack.dir().resolve("specs"));
        Cli.Result r = Cli.temporal(stack, "run", "-f", file.toString());
        assertEquals(0, r.exitCode(), "r1 run: " + r);
        String runId = r.out().lines().findFirst().orElseThrow(() -> new AssertionError("no run id: " + r)).strip();
        assertTrue(stack.catalog().get(runId).isPresent(), "run " + runId + " is in the catalog");
        return runId;
    }

    /** The newest catalog record of runs named {@code name}. */
    public static String newestRunNamed(EmbeddedStack stack, String name) {
        List<RunRecord> runs = stack.catalog().list().stream().filter(r -> name.equals(r.name()))
                .sorted(Comparator.comparing(RunRecord::createdAt)).toList();
        if (runs.isEmpty()) {
            throw new AssertionError("no run named " + name + " in the catalog: " + stack.catalog().list());
        }
        return runs.get(runs.size() - 1).runId();
    }

    /**
     * Starts a run as {@code r1 run} does (stored spec, catalog record, workflow with id = run id on the control
     * queue) but with every stage's heartbeat timeout set to {@code heartbeatTimeout}, so a killed worker is noticed
     * in seconds instead of the default minute. {@code r1 run} has no option for it (yet): this is the one place the
     * tests build the request themselves, with the launcher's own {@link RunLauncher#request} plans.
     */
    public static String runWithHeartbeatTimeout(EmbeddedStack stack, PipelineSpec spec, Duration heartbeatTimeout) {
        String runId = RunLauncher.newRunId(spec.name(), Instant.now());
        PipelineRequest planned = RunLauncher.request(runId, spec, null, Map.of());
        List<StagePlan> plans = planned.stages().stream()
                .map(p -> p.withTimeouts(p.startToClose(), heartbeatTimeout)).toList();
        PipelineRequest request = new PipelineRequest(runId, planned.specJson(), planned.specSha256(), plans,
                planned.base(), null, Map.of());
        stack.store().blobs().putBytes(RunLauncher.specKey(runId), request.specJson().getBytes(StandardCharsets.UTF_8));
        Instant now = Instant.now();
        stack.catalog().put(new RunRecord(runId, spec.name(), request.specSha256(), runId, null, RunState.RUNNING,
                null, now, now, null, Map.of()));
        PipelineWorkflow workflow = stack.client().newWorkflowStub(PipelineWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId(runId).setTaskQueue(TaskQueues.CONTROL).build());
        WorkflowClient.start(workflow::run, request);
        return runId;
    }
}
