package io.r1forge.workflows.pipeline;

import static io.r1forge.workflows.pipeline.PipelineTestKit.MAIN;
import static io.r1forge.workflows.pipeline.PipelineTestKit.plans;
import static io.r1forge.workflows.pipeline.PipelineTestKit.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.r1forge.workflows.Gate;
import io.r1forge.workflows.PipelineRequest;
import io.r1forge.workflows.PipelineResult;
import io.r1forge.workflows.PipelineWorkflow;
import io.r1forge.workflows.RetryRequest;
import io.r1forge.workflows.RunState;
import io.r1forge.workflows.StageName;
import io.r1forge.workflows.StagePlan;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.workflow.Workflow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Replays a recorded history of a completed run (automatic retries, a failed gate retried with overrides, a
 * pause, a skipped stage) against the current code: a change that alters the commands of a running workflow
 * without a {@code Workflow.getVersion} guard fails here. Re-record with
 * {@code mvn -o -q -pl workflows test -Dtest=PipelineReplayTest -Dr1.recordHistories=true} only together with
 * a versioned change, and keep the old file (a second history) while old runs may still be open.
 */
class PipelineReplayTest {
    static final String HISTORY = "histories/pipeline-completed.json";

    @Test
    void currentCodeReplaysTheRecordedHistory() throws Exception {
        WorkflowReplayer.replayWorkflowExecutionFromResource(HISTORY, PipelineWorkflowImpl.class);
    }

    @Test
    void anUnguardedChangeFailsTheReplay() {
        Throwable e = assertThrows(Throwable.class, () -> WorkflowReplayer.replayWorkflowExecutionFromResource(
                HISTORY, TimerFirstPipelineWorkflow.class));
        assertTrue(chainMentionsNondeterminism(e), "replay must fail for nondeterminism, got " + e);
    }

    private static boolean chainMentionsNondeterminism(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String text = (t.getClass().getName() + " " + t.getMessage()).toLowerCase(Locale.ROOT);
            if (text.contains("nondetermin") || text.contains("non-determin")) {
                return true;
            }
        }
        return false;
    }

    /** The pipeline with one unguarded change: a timer before the first activity. */
    public static class TimerFirstPipelineWorkflow extends PipelineWorkflowImpl {
        @Override
        public PipelineResult run(PipelineRequest req) {
            Workflow.sleep(Duration.ofSeconds(1));
            return super.run(req);
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "r1.recordHistories", matches = "true")
    void recordHistory() throws Exception {
        try (PipelineTestKit kit = new PipelineTestKit()) {
            kit.stages.script(StageName.R1_ZERO, FakeStageActivities.failTimes(1));
            kit.stages.script(StageName.REASONING_RL, (req, ctx) -> FakeStageActivities.withMetrics(
                    Map.of("pass@1", req.overrides().isEmpty() ? 0.2 : 0.4)).run(req, ctx));
            kit.stages.script(StageName.FINAL_RL, FakeStageActivities.failTimes(3));
            List<StagePlan> plans = new ArrayList<>(plans(MAIN));
            plans.set(2, plans.get(2).withGate(new Gate(Map.of("pass@1", 0.3))));
            PipelineWorkflow stub = kit.start(request("replay-recorded", plans));

            kit.awaitState(stub, RunState.NEEDS_ATTENTION);
            stub.pause();
            stub.retry(new RetryRequest(null, Map.of("learning_rate", "1e-4")));
            kit.awaitState(stub, RunState.PAUSED);
            stub.resume();
            kit.await(stub, s -> s.state() == RunState.NEEDS_ATTENTION && s.current() == StageName.FINAL_RL);
            stub.skip();
            PipelineResult result = WorkflowStub.fromTyped(stub).getResult(PipelineResult.class);
            assertEquals(RunState.COMPLETED, result.state());

            String json = kit.client.fetchHistory("replay-recorded").toJson(true);
            Path file = Path.of("src/test/resources", HISTORY);
            Files.createDirectories(file.getParent());
            Files.writeString(file, json, StandardCharsets.UTF_8);
        }
    }
}
