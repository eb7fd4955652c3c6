package io.r1forge.workflows.pipeline;

import static io.r1forge.workflows.pipeline.PipelineTestKit.BASE;
import static io.r1forge.workflows.pipeline.PipelineTestKit.MAIN;
import static io.r1forge.workflows.pipeline.PipelineTestKit.plans;
import static io.r1forge.workflows.pipeline.PipelineTestKit.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.r1forge.workflows.ArtifactRef;
import io.r1forge.workflows.FailureTypes;
import io.r1forge.workflows.PipelineRequest;
import io.r1forge.workflows.PipelineResult;
import io.r1forge.workflows.RunState;
import io.r1forge.workflows.RunStateUpdate;
import io.r1forge.workflows.StageName;
import io.r1forge.workflows.StagePlan;
import io.r1forge.workflows.StageRequest;
import io.r1forge.workflows.StageState;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PipelineDagTest {
    private final PipelineTestKit kit = new PipelineTestKit();

    @AfterEach
    void close() {
        kit.close();
    }

    private static ArtifactRef checkpointOf(StageName stage) {
        return FakeStageActivities.ref(stage, 1, StageName.OUT_CHECKPOINT);
    }

    private StageRequest requestOf(StageName stage) {
        return kit.stages.callsOf(stage).get(0).request();
    }

    @Test
    void runsTheDagInOrderWithSftStagesStartingFromTheBase() {
        PipelineResult result = kit.newStub("dag").run(request("dag", plans(MAIN)));

        assertEquals(RunState.COMPLETED, result.state());
        assertEquals(MAIN, kit.stages.stagesCalled());
        assertEquals(Map.of("model", BASE), requestOf(StageName.R1_ZERO).inputs());
        assertEquals(Map.of("model", BASE,
                        "data", FakeStageActivities.ref(StageName.R1_ZERO, 1, StageName.OUT_SAMPLES)),
                requestOf(StageName.COLD_START_SFT).inputs());
        assertEquals(Map.of("model", checkpointOf(StageName.COLD_START_SFT)),
                requestOf(StageName.REASONING_RL).inputs());
        assertEquals(Map.of("model", checkpointOf(StageName.REASONING_RL)),
                requestOf(StageName.REJECTION_SAMPLING).inputs());
        // Stage 4's SFT starts again from the base, not from final RL or reasoning RL (paper §2.3.3).
        assertEquals(Map.of("model", BASE,
                        "data", FakeStageActivities.ref(StageName.REJECTION_SAMPLING, 1, StageName.OUT_DATASET)),
                requestOf(StageName.RS_SFT).inputs());
        assertEquals(Map.of("model", checkpointOf(StageName.RS_SFT)), requestOf(StageName.FINAL_RL).inputs());
        assertEquals(checkpointOf(StageName.FINAL_RL), result.finalModel());
        assertEquals("{\"stage\":\"RS_SFT\"}", requestOf(StageName.RS_SFT).configJson());
        assertEquals(1, requestOf(StageName.RS_SFT).attempt());
    }

    @Test
    void reportsEveryStageAndRecordsTheRunInTheCatalog() {
        PipelineResult result = kit.newStub("catalog").run(request("catalog", plans(MAIN)));

        assertEquals(StageState.SUCCEEDED, result.stages().get(StageName.PRETRAIN_BASE).state());
        assertEquals(0, result.stages().get(StageName.PRETRAIN_BASE).attempts());
        assertEquals(StageState.SKIPPED, result.stages().get(StageName.DISTILL).state());
        assertEquals(1, result.stages().get(StageName.FINAL_RL).attempts());
        assertEquals(0.5, result.stages().get(StageName.FINAL_RL).metrics().get("pass@1"));
        assertEquals(10, result.stages().get(StageName.FINAL_RL).progress().step());
        List<RunStateUpdate> updates = kit.control.updates;
        assertEquals(RunState.RUNNING, updates.get(0).state());
        assertNull(updates.get(0).stage());
        assertEquals(RunState.COMPLETED, updates.get(updates.size() - 1).state());
        List<StageName> ended = new ArrayList<>();
        for (RunStateUpdate u : updates) {
            if (u.stageStatus() != null && u.stageStatus().state() == StageState.SUCCEEDED) {
                ended.add(u.stage());
            }
        }
        assertEquals(MAIN, ended);
        assertEquals(0, kit.control.resolveCalls, "a given base is not resolved again");
    }

    @Test
    void pretrainsWhenNoBaseExistsAndFeedsItToTheBaseStages() {
        List<StageName> enabled = new ArrayList<>(List.of(StageName.PRETRAIN_BASE));
        enabled.addAll(MAIN);
        enabled.add(StageName.DISTILL);
        PipelineRequest req = new PipelineRequest("pretrain", "{}", "sha", plans(enabled), null, null, Map.of());

        PipelineResult result = kit.newStub("pretrain").run(req);

        assertEquals(enabled, kit.stages.stagesCalled());
        assertEquals(1, kit.control.resolveCalls);
        ArtifactRef pretrained = checkpointOf(StageName.PRETRAIN_BASE);
        assertEquals(pretrained, requestOf(StageName.R1_ZERO).inputs().get("model"));
        assertEquals(pretrained, requestOf(StageName.RS_SFT).inputs().get("model"));
        assertEquals(Map.of("data", FakeStageActivities.ref(StageName.REJECTION_SAMPLING, 1, StageName.OUT_DATASET)),
                requestOf(StageName.DISTILL).inputs());
        assertEquals(checkpointOf(StageName.FINAL_RL), result.finalModel(), "the student is not the R1 model");
    }

    @Test
    void usesTheResolvedBaseInsteadOfPretraining() {
        kit.control.base = BASE;
        List<StageName> enabled = List.of(StageName.PRETRAIN_BASE, StageName.R1_ZERO);
        PipelineRequest req = new PipelineRequest("resolved", "{}", "sha", plans(enabled), null, null, Map.of());

        kit.newStub("resolved").run(req);

        assertEquals(List.of(StageName.R1_ZERO), kit.stages.stagesCalled());
        assertEquals(BASE, requestOf(StageName.R1_ZERO).inputs().get("model"));
    }

    @Test
    void skipsStagesCommittedByAnEarlierRun() {
        Map<StageName, Map<String, ArtifactRef>> committed = Map.of(
                StageName.R1_ZERO, FakeStageActivities.outputsOf(StageName.R1_ZERO, 7),
                StageName.COLD_START_SFT, FakeStageActivities.outputsOf(StageName.COLD_START_SFT, 7),
                StageName.REASONING_RL, FakeStageActivities.outputsOf(StageName.REASONING_RL, 7));
        PipelineRequest req = new PipelineRequest(
                "resumed", "{}", "sha", plans(MAIN), BASE, "interrupted", committed);

        PipelineResult result = kit.newStub("resumed").run(req);

        assertEquals(MAIN.subList(3, 6), kit.stages.stagesCalled());
        assertEquals(FakeStageActivities.ref(StageName.REASONING_RL, 7, StageName.OUT_CHECKPOINT),
                requestOf(StageName.REJECTION_SAMPLING).inputs().get("model"));
        assertEquals(0, result.stages().get(StageName.R1_ZERO).attempts());
        assertEquals(StageState.SUCCEEDED, result.stages().get(StageName.R1_ZERO).state());
    }

    @Test
    void failsARequestWhoseEnabledStageNeedsADisabledParent() {
        List<StagePlan> plans = new ArrayList<>(plans(MAIN));
        plans.set(3, plans.get(3).withEnabled(false));

        WorkflowFailedException e = assertThrows(WorkflowFailedException.class,
                () -> kit.newStub("invalid").run(request("invalid", plans)));

        ApplicationFailure cause = (ApplicationFailure) e.getCause();
        assertEquals(FailureTypes.INVALID_REQUEST, cause.getType());
        assertTrue(cause.getOriginalMessage().contains("RS_SFT needs REJECTION_SAMPLING.dataset"),
                cause.getOriginalMessage());
        assertTrue(kit.stages.calls.isEmpty());
        assertEquals(RunState.FAILED, kit.control.updates.get(kit.control.updates.size() - 1).state());
    }
}
