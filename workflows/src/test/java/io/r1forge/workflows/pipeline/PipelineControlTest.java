package io.r1forge.workflows.pipeline;

import static io.r1forge.workflows.pipeline.PipelineTestKit.MAIN;
import static io.r1forge.workflows.pipeline.PipelineTestKit.plans;
import static io.r1forge.workflows.pipeline.PipelineTestKit.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.r1forge.workflows.PipelineProgress;
import io.r1forge.workflows.PipelineResult;
import io.r1forge.workflows.PipelineStatus;
import io.r1forge.workflows.PipelineWorkflow;
import io.r1forge.workflows.RunState;
import io.r1forge.workflows.RunStateUpdate;
import io.r1forge.workflows.StageName;
import io.r1forge.workflows.StageState;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Status mid-run with live progress, pause/resume, abort of a running stage, Temporal cancellation. */
class PipelineControlTest {
    private final PipelineTestKit kit = new PipelineTestKit();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void close() {
        release.countDown();
        kit.close();
    }

    private PipelineWorkflow startBlockedAt(String runId, StageName blocked) {
        kit.stages.script(blocked, kit.stages.blockUntil(release));
        PipelineWorkflow stub = kit.start(request(runId, plans(MAIN)));
        kit.await(stub, s -> s.current() == blocked);
        return stub;
    }

    @Test
    void statusMidRunShowsDoneStagesAndTheClientAddsLiveProgress() {
        PipelineWorkflow stub = startBlockedAt("mid-run", StageName.REASONING_RL);

        PipelineStatus status = stub.status();
        assertEquals("mid-run", status.runId());
        assertEquals(RunState.RUNNING, status.state());
        assertEquals(StageState.SUCCEEDED, status.stages().get(StageName.COLD_START_SFT).state());
        assertEquals(1, status.stages().get(StageName.COLD_START_SFT).attempts());
        assertEquals(StageState.RUNNING, status.stages().get(StageName.REASONING_RL).state());
        assertNull(status.stages().get(StageName.REASONING_RL).progress(), "live progress is not in the query");
        assertEquals(StageState.PENDING, status.stages().get(StageName.FINAL_RL).state());

        PipelineProgress.LiveStage live = awaitLiveStep(3);
        assertEquals(1, live.temporalAttempt());
        assertEquals(1000, live.progress().totalSteps());
        assertEquals(1.0 / live.progress().step(), live.progress().latestMetrics().get("loss"), 1e-12);

        release.countDown();
        WorkflowStub.fromTyped(stub).getResult(PipelineResult.class);
        assertTrue(PipelineProgress.live(kit.client, "mid-run").isEmpty(), "no stage pending after the run");
    }

    private PipelineProgress.LiveStage awaitLiveStep(long minStep) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            var live = PipelineProgress.live(kit.client, "mid-run");
            if (live.isPresent() && live.get().progress() != null && live.get().progress().step() >= minStep) {
                return live.get();
            }
            kit.env.sleep(Duration.ofMillis(50));
        }
        throw new AssertionError("no heartbeat progress seen");
    }

    @Test
    void pauseTakesEffectBetweenStagesAndResumeContinues() {
        PipelineWorkflow stub = startBlockedAt("pause", StageName.R1_ZERO);

        stub.pause();
        release.countDown();
        PipelineStatus paused = kit.awaitState(stub, RunState.PAUSED);
        assertEquals(StageState.SUCCEEDED, paused.stages().get(StageName.R1_ZERO).state());
        assertEquals(StageState.PENDING, paused.stages().get(StageName.COLD_START_SFT).state());
        kit.env.sleep(Duration.ofHours(1));
        assertEquals(List.of(StageName.R1_ZERO), kit.stages.stagesCalled(), "no stage starts while paused");
        assertTrue(kit.control.updates.stream().anyMatch(u -> u.state() == RunState.PAUSED));

        stub.resume();
        PipelineResult result = WorkflowStub.fromTyped(stub).getResult(PipelineResult.class);
        assertEquals(RunState.COMPLETED, result.state());
        assertEquals(MAIN, kit.stages.stagesCalled());
    }

    @Test
    void abortCancelsTheRunningStage() throws InterruptedException {
        PipelineWorkflow stub = startBlockedAt("abort-running", StageName.COLD_START_SFT);

        stub.abort("wrong data set");
        PipelineResult result = WorkflowStub.fromTyped(stub).getResult(PipelineResult.class);

        assertTrue(kit.stages.cancelled.await(0, TimeUnit.SECONDS), "the stage activity saw the cancellation");
        assertEquals(RunState.ABORTED, result.state());
        assertEquals("wrong data set", result.reason());
        assertEquals(StageState.FAILED, result.stages().get(StageName.COLD_START_SFT).state());
        assertEquals(MAIN.subList(0, 2), kit.stages.stagesCalled());
    }

    @Test
    void temporalCancellationCancelsTheStageAndEndsTheRunCancelled() throws InterruptedException {
        PipelineWorkflow stub = startBlockedAt("cancel", StageName.RS_SFT);

        WorkflowStub untyped = WorkflowStub.fromTyped(stub);
        untyped.cancel();
        WorkflowFailedException e =
                assertThrows(WorkflowFailedException.class, () -> untyped.getResult(PipelineResult.class));

        assertInstanceOf(CanceledFailure.class, e.getCause());
        assertTrue(kit.stages.cancelled.await(0, TimeUnit.SECONDS), "the stage activity saw the cancellation");
        RunStateUpdate last = kit.control.updates.get(kit.control.updates.size() - 1);
        assertEquals(RunState.CANCELLED, last.state());
        PipelineStatus status = stub.status();
        assertEquals(RunState.CANCELLED, status.state());
        assertEquals(StageState.FAILED, status.stages().get(StageName.RS_SFT).state());
        assertEquals(MAIN.subList(0, 5), kit.stages.stagesCalled());
    }
}
