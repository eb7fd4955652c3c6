package io.r1forge.workflows.pipeline;

import static org.junit.jupiter.api.Assertions.fail;

import io.r1forge.workflows.ArtifactRef;
import io.r1forge.workflows.PipelineRequest;
import io.r1forge.workflows.PipelineStatus;
import io.r1forge.workflows.PipelineWorkflow;
import io.r1forge.workflows.RunState;
import io.r1forge.workflows.StageName;
import io.r1forge.workflows.StagePlan;
import io.r1forge.workflows.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A time-skipping Temporal test environment with the pipeline workflow and control fakes on the control queue
 * and the stage fake on the GPU queue, as in production.
 */
final class PipelineTestKit implements AutoCloseable {
    static final ArtifactRef BASE = new ArtifactRef("base", ArtifactRef.KIND_CHECKPOINT, "s3://r1/base", "sha-base");
    /** The stages after pre-training, all enabled except DISTILL. */
    static final List<StageName> MAIN = List.of(StageName.R1_ZERO, StageName.COLD_START_SFT, StageName.REASONING_RL,
            StageName.REJECTION_SAMPLING, StageName.RS_SFT, StageName.FINAL_RL);

    final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
    final FakeStageActivities stages = new FakeStageActivities();
    final FakeControlActivities control = new FakeControlActivities();
    final WorkflowClient client = env.getWorkflowClient();

    PipelineTestKit() {
        Worker controlWorker = env.newWorker(TaskQueues.CONTROL);
        controlWorker.registerWorkflowImplementationTypes(PipelineWorkflowImpl.class);
        controlWorker.registerActivitiesImplementations(control);
        // Heartbeats reach the server within 50 ms (not 0.8 × the heartbeat timeout), so a cancelled or
        // aborted stage sees its cancellation at once and DescribeWorkflowExecution shows fresh progress.
        env.newWorker(TaskQueues.GPU, WorkerOptions.newBuilder()
                        .setMaxHeartbeatThrottleInterval(Duration.ofMillis(50))
                        .build())
                .registerActivitiesImplementations(stages);
        env.start();
    }

    /** Plans for {@code enabled} (3 attempts, 1 h, heartbeat 10 min of test time), all others absent. */
    static List<StagePlan> plans(List<StageName> enabled) {
        List<StagePlan> out = new ArrayList<>();
        for (StageName s : enabled) {
            out.add(StagePlan.of(s, "{\"stage\":\"" + s + "\"}")
                    .withTimeouts(Duration.ofHours(1), Duration.ofMinutes(10)));
        }
        return out;
    }

    static PipelineRequest request(String runId, List<StagePlan> plans) {
        return new PipelineRequest(runId, "{\"name\":\"" + runId + "\"}", "spec-sha", plans, BASE, null, Map.of());
    }

    PipelineWorkflow newStub(String runId) {
        return client.newWorkflowStub(PipelineWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(runId)
                .setTaskQueue(TaskQueues.CONTROL)
                .build());
    }

    /** Starts the run asynchronously and returns its stub (for signals and queries). */
    PipelineWorkflow start(PipelineRequest request) {
        PipelineWorkflow stub = newStub(request.runId());
        WorkflowClient.start(stub::run, request);
        return stub;
    }

    /**
     * Polls the status query until {@code until} holds. {@code env.sleep} lets test time skip (a retry backoff
     * passes at once) but runs in real time while an activity is in flight, hence the short step.
     */
    PipelineStatus await(PipelineWorkflow stub, Predicate<PipelineStatus> until) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        PipelineStatus last = null;
        while (System.nanoTime() < deadline) {
            last = stub.status();
            if (until.test(last)) {
                return last;
            }
            env.sleep(Duration.ofSeconds(1));
            sleepQuietly(20);
        }
        fail("status never matched; last: " + last);
        return last;
    }

    PipelineStatus awaitState(PipelineWorkflow stub, RunState state) {
        return await(stub, s -> s.state() == state);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        env.close();
    }
}
