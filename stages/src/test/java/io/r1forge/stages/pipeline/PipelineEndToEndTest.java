package io.r1forge.stages.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.r1forge.stages.eval.EvalReport;
import io.r1forge.stages.distill.Distillation;
import io.r1forge.stages.pretrain.BaseModelCache;
import io.r1forge.stages.pretrain.PretrainStage;
import io.r1forge.stages.sft.SftData;
import io.r1forge.stages.sft.SftExample;
import io.r1forge.stages.spec.PipelineSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tiny pipeline end to end with a few steps per stage and tiny eval sizes, from a base pre-trained for a few
 * steps (numbers are meaningless; the wiring is what is tested): every stage commits, the table has all rows,
 * rejection-sampled data carries provenance, and a rerun skips everything (base from the cache included).
 */
@Tag("e2e")
class PipelineEndToEndTest {

    @Test
    void shortenedTinyPipelineRunsAndResumesAsANoOp(@TempDir Path tmp) throws Exception {
        PipelineSpec spec = PipelineSpec.preset("smoke");
        Path out = tmp.resolve("run");
        BaseModelCache cache = new BaseModelCache(tmp.resolve("bases"));
        long t0 = System.nanoTime();
        PipelineReport report = new PipelineRunner(spec, out, cache, 1.0, StepListener.NONE,
                line -> System.err.printf("[%5.1f s] %s%n", (System.nanoTime() - t0) / 1e9, line)).run();

        assertEquals(List.of("base", "R1-Zero", "cold-start", "reasoning RL", "RS-SFT", "final (R1)",
                "distilled student", "student + GRPO"), List.copyOf(report.rows().keySet()));
        for (EvalReport r : report.rows().values()) {
            assertEquals(3, r.problems());
            assertTrue(r.passAt1() >= 0 && r.passAt1() <= 1 && r.meanLength() > 0, r.toString());
        }
        for (Stage s : List.of(Stage.R1_ZERO, Stage.COLD_START_SFT, Stage.REASONING_RL, Stage.REJECTION_SAMPLING,
                Stage.RS_SFT, Stage.FINAL_RL, Stage.DISTILL)) {
            assertTrue(StageOutput.isComplete(out.resolve(s.cliName())), s + " committed");
        }
        assertTrue(Files.isRegularFile(out.resolve("r1-zero/eval/samples.jsonl")));
        assertTrue(Files.readString(out.resolve("pipeline-report.md")).contains("| student + GRPO |"));
        assertEquals(List.of("r1-zero", "reasoning-rl", "final-rl", "student-grpo"),
                report.curves().stream().map(TrainingCurve::stage).toList(), "a curve per GRPO stage");
        assertTrue(Files.readString(out.resolve("pipeline-report.md")).contains("## `r1-zero` by step"));
        List<SftExample> kept = SftData.read(out.resolve("rejection-sampling").resolve(StageRunner.KEPT));
        for (SftExample e : kept) {
            assertTrue(e.meta().containsKey("kind") && e.meta().containsKey("source"), e.toString());
        }
        assertTrue(Files.isRegularFile(out.resolve("rejection-sampling").resolve(StageRunner.DROPPED)));
        assertTrue(kept.stream().anyMatch(e -> "reasoning".equals(e.meta().get("kind"))),
                "a barely trained model keeps ~nothing: references fill the reasoning part");
        if (kept.stream().anyMatch(e -> "reference".equals(e.meta().get("source")))) {
            assertTrue(report.notes().stream().anyMatch(n -> n.startsWith("RS-SFT / distillation data:")),
                    report.notes().toString());
            assertTrue(Files.readString(out.resolve("pipeline-report.md")).contains("reference solutions"));
        }
        Path studentBase = cache.find(PretrainStage.cacheKey(Distillation.studentPretrain(spec))).orElseThrow()
                .resolve(TrainingLoop.CHECKPOINT);
        assertEquals(3, io.r1forge.stages.model.ModelConfig.read(studentBase.resolve("config.json")).numHiddenLayers(),
                "the student is its own pre-trained base, smaller than tiny");
        assertTrue(Files.readString(out.resolve("student-grpo").resolve(MetricsLog.FILE)).lines().count() > 0);
        assertTrue(Files.isRegularFile(out.resolve("r1-zero").resolve(io.r1forge.stages.grpo.SampleFiles.SAMPLES)));

        List<String> again = new ArrayList<>();
        PipelineReport second = new PipelineRunner(spec, out, cache, 1.0, StepListener.NONE, again::add).run();
        assertTrue(again.stream().anyMatch(l -> l.contains("pre-training skipped")), again.toString());
        assertEquals(0.0, second.baseSeconds());
        assertEquals(report.rows(), second.rows());
    }
}
