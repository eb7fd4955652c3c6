package io.r1forge.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.r1forge.workflows.pipeline.StageGraph;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The DAG as data: parents of each stage, topological order, validation and skip rules. */
class StageGraphTest {
    private static List<StagePlan> enabled(StageName... stages) {
        return Arrays.stream(stages).map(s -> StagePlan.of(s, "{}")).toList();
    }

    @Test
    void parentsFollowThePaper() {
        assertEquals(List.of(), StageName.PRETRAIN_BASE.parents());
        assertEquals(List.of(StageName.PRETRAIN_BASE), StageName.R1_ZERO.parents());
        assertEquals(List.of(StageName.PRETRAIN_BASE, StageName.R1_ZERO), StageName.COLD_START_SFT.parents());
        assertEquals(List.of(StageName.COLD_START_SFT), StageName.REASONING_RL.parents());
        assertEquals(List.of(StageName.REASONING_RL), StageName.REJECTION_SAMPLING.parents());
        assertEquals(List.of(StageName.PRETRAIN_BASE, StageName.REJECTION_SAMPLING), StageName.RS_SFT.parents());
        assertEquals(List.of(StageName.RS_SFT), StageName.FINAL_RL.parents());
        assertEquals(List.of(StageName.REJECTION_SAMPLING), StageName.DISTILL.parents());
        assertEquals(new StageInput(StageName.IN_MODEL, StageName.PRETRAIN_BASE, StageName.OUT_CHECKPOINT),
                StageName.RS_SFT.inputs().get(0));
    }

    @Test
    void declarationOrderIsTopological() {
        for (StageName s : StageName.values()) {
            for (StageName p : s.parents()) {
                assertTrue(p.compareTo(s) < 0, p + " must come before " + s);
            }
        }
    }

    @Test
    void validationNamesTheMissingParent() {
        StageGraph graph = new StageGraph(enabled(StageName.R1_ZERO, StageName.REASONING_RL), Set.of());
        assertEquals(List.of(
                "R1_ZERO needs PRETRAIN_BASE.checkpoint, which needs pre-training: no base was given or found",
                "REASONING_RL needs COLD_START_SFT.checkpoint, which is disabled and not committed by an earlier run"),
                graph.unsatisfied());
        StageGraph resumed = new StageGraph(enabled(StageName.REASONING_RL),
                Set.of(StageName.PRETRAIN_BASE, StageName.COLD_START_SFT));
        assertEquals(List.of(), resumed.unsatisfied());
        assertTrue(!resumed.willRun(StageName.COLD_START_SFT) && resumed.willProduce(StageName.COLD_START_SFT));
    }

    @Test
    void skipIsRefusedOnlyWhileALaterRunningStageReadsTheOutputs() {
        StageGraph graph = new StageGraph(enabled(StageName.R1_ZERO, StageName.COLD_START_SFT,
                StageName.REASONING_RL, StageName.REJECTION_SAMPLING, StageName.RS_SFT, StageName.DISTILL),
                Set.of(StageName.PRETRAIN_BASE));
        assertEquals("RS_SFT needs REJECTION_SAMPLING.dataset; DISTILL needs REJECTION_SAMPLING.dataset",
                graph.skipRefusal(StageName.REJECTION_SAMPLING).orElseThrow());
        assertTrue(graph.skipRefusal(StageName.RS_SFT).isEmpty(), "FINAL_RL is disabled: nothing reads RS_SFT");
        assertTrue(graph.skipRefusal(StageName.DISTILL).isEmpty());
    }

    @Test
    void inputsComeFromTheDeclaredParentOutputs() {
        ArtifactRef base = new ArtifactRef("b", ArtifactRef.KIND_CHECKPOINT, "s3://r1/b", "1");
        ArtifactRef data = new ArtifactRef("d", ArtifactRef.KIND_DATASET, "s3://r1/d", "2");
        ArtifactRef rl = new ArtifactRef("r", ArtifactRef.KIND_CHECKPOINT, "s3://r1/r", "3");
        Map<StageName, Map<String, ArtifactRef>> outputs = Map.of(
                StageName.PRETRAIN_BASE, Map.of(StageName.OUT_CHECKPOINT, base),
                StageName.REASONING_RL, Map.of(StageName.OUT_CHECKPOINT, rl),
                StageName.REJECTION_SAMPLING, Map.of(StageName.OUT_DATASET, data));
        assertEquals(Map.of("model", base, "data", data), StageGraph.inputsOf(StageName.RS_SFT, outputs));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> StageGraph.inputsOf(StageName.FINAL_RL, outputs));
        assertEquals("FINAL_RL needs RS_SFT.checkpoint, which was not produced", e.getMessage());
    }

    @Test
    void gateListsEveryViolationAndTreatsMissingOrNanAsFailing() {
        Gate gate = new Gate(Map.of("pass@1", 0.3, "format_rate", 0.9, "cons@8", 0.4));
        assertEquals(List.of("cons@8 missing (minimum 0.4)", "format_rate missing (minimum 0.9)",
                        "pass@1 0.29 < 0.3"),
                gate.violations(Map.of("pass@1", 0.29, "format_rate", Double.NaN)));
        assertEquals(List.of(), gate.violations(Map.of("pass@1", 0.3, "format_rate", 0.95, "cons@8", 0.5)));
    }
}
