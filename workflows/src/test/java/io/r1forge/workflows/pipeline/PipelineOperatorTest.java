package io.r1forge.workflows.pipeline;

import static io.r1forge.workflows.pipeline.PipelineTestKit.MAIN;
import static io.r1forge.workflows.pipeline.PipelineTestKit.plans;
import static io.r1forge.workflows.pipeline.PipelineTestKit.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.r1forge.workflows.FailureTypes;
import io.r1forge.workflows.PipelineResult;
import io.r1forge.workflows.PipelineStatus;
import io.r1forge.workflows.PipelineWorkflow;
import io.r1forge.workflows.RetryRequest;
import io.r1forge.workflows.RunState;
import io.r1forge.workflows.StageName;
import io.r1forge.workflows.StagePlan;
import io.r1forge.workflows.StageRequest;
import io.r1forge.workflows.StageState;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Automatic retries, then the operator's retry / skip / abort when they are spent. */
class PipelineOperatorTest {
    private final PipelineTestKit kit = new PipelineTestKit();

    @AfterEach
    void close() {
        kit.close();
    }

    private static PipelineResult resultOf(PipelineWorkflow stub) {
        return WorkflowStub.fromTyped(stub).getResult(PipelineResult.class);
    }

    @Test
    void automaticRetriesCarryAStageThroughTransientFailures() {
        kit.stages.script(StageName.REASONING_RL, FakeStageActivities.failTimes(2));

        PipelineResult result = kit.newStub("retries").run(request("retries", plans(MAIN)));

        assertEquals(RunState.COMPLETED, result.state());
        assertEquals(3, result.stages().get(StageName.REASONING_RL).attempts());
        assertEquals(List.of(1, 2, 3), kit.stages.callsOf(StageName.REASONING_RL).stream()
                .map(FakeStageActivities.Call::temporalAttempt).toList());
        assertEquals(FakeStageActivities.ref(StageName.REASONING_RL, 3, StageName.OUT_CHECKPOINT),
                result.stages().get(StageName.REASONING_RL).outputs().get(StageName.OUT_CHECKPOINT));
    }

    @Test
    void spentRetriesWaitForTheOperatorWhoseRetryOverridesReachTheActivity() {
        kit.stages.script(StageName.COLD_START_SFT, FakeStageActivities.failTimes(3));
        PipelineWorkflow stub = kit.start(request("attention-retry", plans(MAIN)));

        PipelineStatus waiting = kit.awaitState(stub, RunState.NEEDS_ATTENTION);
        assertEquals(StageName.COLD_START_SFT, waiting.current());
        assertEquals(StageState.NEEDS_ATTENTION, waiting.stages().get(StageName.COLD_START_SFT).state());
        assertEquals(3, waiting.stages().get(StageName.COLD_START_SFT).attempts());
        assertTrue(waiting.attentionReason().contains("worker lost (injected)"), waiting.attentionReason());
        assertTrue(waiting.attentionReason().contains("maximum_attempts_reached"), waiting.attentionReason());

        stub.retry(new RetryRequest(null, Map.of("learning_rate", "1e-4")));
        PipelineResult result = resultOf(stub);

        assertEquals(RunState.COMPLETED, result.state());
        List<FakeStageActivities.Call> calls = kit.stages.callsOf(StageName.COLD_START_SFT);
        StageRequest retried = calls.get(3).request();
        assertEquals(Map.of("learning_rate", "1e-4"), retried.overrides());
        assertEquals(4, retried.attempt(), "attempts keep counting across the operator's retry");
        assertEquals(Map.of(), calls.get(0).request().overrides());
        assertEquals(4, result.stages().get(StageName.COLD_START_SFT).attempts());
    }

    @Test
    void invalidConfigIsNotRetriedAutomatically() {
        kit.stages.script(StageName.R1_ZERO, (req, ctx) -> {
            if (!req.overrides().containsKey("beta")) {
                throw ApplicationFailure.newFailure("beta must be >= 0, was -1", FailureTypes.INVALID_CONFIG);
            }
            return FakeStageActivities.succeed(req, ctx);
        });
        PipelineWorkflow stub = kit.start(request("invalid-config", plans(MAIN)));

        PipelineStatus waiting = kit.awaitState(stub, RunState.NEEDS_ATTENTION);
        assertEquals(1, kit.stages.callsOf(StageName.R1_ZERO).size());
        assertTrue(waiting.attentionReason().contains("InvalidConfig: beta must be >= 0"),
                waiting.attentionReason());

        stub.retry(new RetryRequest(StageName.R1_ZERO, Map.of("beta", "0.01")));
        assertEquals(RunState.COMPLETED, resultOf(stub).state());
        assertEquals(2, kit.stages.callsOf(StageName.R1_ZERO).size());
    }

    @Test
    void skipIsRefusedWhenALaterStageNeedsTheOutputs() {
        kit.stages.script(StageName.REJECTION_SAMPLING, FakeStageActivities.failTimes(3));
        PipelineWorkflow stub = kit.start(request("skip-refused", plans(MAIN)));
        kit.awaitState(stub, RunState.NEEDS_ATTENTION);

        stub.skip();
        PipelineStatus refused = kit.await(stub, s -> s.attentionReason().startsWith("skip refused"));
        assertEquals(RunState.NEEDS_ATTENTION, refused.state());
        assertTrue(refused.attentionReason().contains("RS_SFT needs REJECTION_SAMPLING.dataset"),
                refused.attentionReason());

        stub.abort("data pipeline broken");
        PipelineResult result = resultOf(stub);
        assertEquals(RunState.ABORTED, result.state());
        assertEquals("data pipeline broken", result.reason());
        assertEquals(StageState.FAILED, result.stages().get(StageName.REJECTION_SAMPLING).state());
        assertEquals(StageState.PENDING, result.stages().get(StageName.RS_SFT).state());
        assertEquals(MAIN.subList(0, 4), kit.stages.stagesCalled().stream().distinct().toList());
        assertEquals(RunState.ABORTED, kit.control.updates.get(kit.control.updates.size() - 1).state());
    }

    @Test
    void skipIsAllowedWhenNoLaterStageNeedsTheOutputs() {
        kit.stages.script(StageName.FINAL_RL, FakeStageActivities.failTimes(3));
        PipelineWorkflow stub = kit.start(request("skip-allowed", plans(MAIN)));
        kit.awaitState(stub, RunState.NEEDS_ATTENTION);

        stub.skip();
        PipelineResult result = resultOf(stub);

        assertEquals(RunState.COMPLETED, result.state());
        assertEquals(StageState.SKIPPED, result.stages().get(StageName.FINAL_RL).state());
        assertEquals(3, result.stages().get(StageName.FINAL_RL).attempts());
        assertEquals(FakeStageActivities.ref(StageName.RS_SFT, 1, StageName.OUT_CHECKPOINT), result.finalModel());
    }

    @Test
    void aFailedGateWaitsForTheOperatorAndRetryRerunsTheStage() {
        kit.stages.script(StageName.R1_ZERO, (req, ctx) -> FakeStageActivities.withMetrics(
                Map.of("pass@1", req.overrides().isEmpty() ? 0.21 : 0.45)).run(req, ctx));
        List<StagePlan> plans = new java.util.ArrayList<>(plans(MAIN));
        plans.set(0, plans.get(0).withGate(new io.r1forge.workflows.Gate(Map.of("pass@1", 0.3))));
        PipelineWorkflow stub = kit.start(request("gate-retry", plans));

        PipelineStatus waiting = kit.awaitState(stub, RunState.NEEDS_ATTENTION);
        assertEquals("gate failed for R1_ZERO: pass@1 0.21 < 0.3", waiting.attentionReason());
        assertEquals(0.21, waiting.stages().get(StageName.R1_ZERO).metrics().get("pass@1"));
        assertEquals(List.of(StageName.R1_ZERO), kit.stages.stagesCalled(), "the gate holds back later stages");

        stub.retry(new RetryRequest(null, Map.of("num_generations", "16")));
        PipelineResult result = resultOf(stub);

        assertEquals(RunState.COMPLETED, result.state());
        assertEquals(2, kit.stages.callsOf(StageName.R1_ZERO).size());
        assertEquals(2, result.stages().get(StageName.R1_ZERO).attempts());
        assertEquals(FakeStageActivities.ref(StageName.R1_ZERO, 2, StageName.OUT_SAMPLES),
                kit.stages.callsOf(StageName.COLD_START_SFT).get(0).request().inputs().get("data"));
    }

    @Test
    void skippingAFailedGateAcceptsTheOutputsAsTheyAre() {
        kit.stages.script(StageName.REASONING_RL, FakeStageActivities.withMetrics(Map.of("format_rate", 0.5)));
        List<StagePlan> plans = new java.util.ArrayList<>(plans(MAIN));
        plans.set(2, plans.get(2).withGate(new io.r1forge.workflows.Gate(Map.of("pass@1", 0.3))));
        PipelineWorkflow stub = kit.start(request("gate-skip", plans));

        PipelineStatus waiting = kit.awaitState(stub, RunState.NEEDS_ATTENTION);
        assertEquals("gate failed for REASONING_RL: pass@1 missing (minimum 0.3)", waiting.attentionReason());

        stub.skip();
        PipelineResult result = resultOf(stub);

        assertEquals(RunState.COMPLETED, result.state());
        assertEquals(StageState.SKIPPED, result.stages().get(StageName.REASONING_RL).state());
        assertEquals(FakeStageActivities.ref(StageName.REASONING_RL, 1, StageName.OUT_CHECKPOINT),
                kit.stages.callsOf(StageName.REJECTION_SAMPLING).get(0).request().inputs().get("model"));
    }

    @Test
    void signalsThatDoNotApplyAreRefusedAndChangeNothing() {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        kit.stages.script(StageName.R1_ZERO, kit.stages.blockUntil(release));
        PipelineWorkflow stub = kit.start(request("refusals", plans(List.of(StageName.R1_ZERO))));
        kit.await(stub, s -> s.current() == StageName.R1_ZERO);

        stub.retry(new RetryRequest(null, Map.of()));
        PipelineStatus refused = kit.await(stub, s -> s.attentionReason() != null);
        assertEquals("retry refused: no stage needs attention (run is RUNNING)", refused.attentionReason());
        assertEquals(RunState.RUNNING, refused.state());

        release.countDown();
        assertEquals(RunState.COMPLETED, resultOf(stub).state());
        assertEquals(1, kit.stages.calls.size());
    }
}
