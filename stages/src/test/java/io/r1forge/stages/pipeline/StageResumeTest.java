package io.r1forge.stages.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.r1forge.stages.io.HostTensor;
import io.r1forge.stages.io.NdArrays;
import io.r1forge.stages.io.Checkpoint.LoadedCheckpoint;
import io.r1forge.stages.model.CausalLm;
import io.r1forge.stages.model.ModelConfig;
import io.r1forge.stages.grpo.SampleFiles;
import io.r1forge.stages.sft.SftExample;
import io.r1forge.stages.spec.GrpoConfig;
import io.r1forge.stages.spec.LossType;
import io.r1forge.stages.spec.TemplateKind;
import io.r1forge.stages.tasks.ArithmeticConfig;
import io.r1forge.stages.tasks.ArithmeticGenerator;
import io.r1forge.stages.tasks.Language;
import io.r1forge.stages.tasks.Problem;
import io.r1forge.stages.spec.SftConfig;
import io.r1forge.stages.tokenizer.HfTokenizer;
import io.r1forge.stages.tokenizer.TinyTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kill-and-restart through the stage runner: a stage interrupted at step k and rerun ends where an uninterrupted one does. */
class StageResumeTest {
    static final SftConfig SFT = new SftConfig(3e-3, 3, 4, 96, 1, 5, 2, 0.0, 1.0);

    static List<SftExample> data() {
        List<SftExample> out = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            out.add(new SftExample("e" + i, "What is " + i + " + 2?", " <think> " + i + " plus 2 is " + (i + 2)
                    + " </think> <answer> " + (i + 2) + " </answer>", Map.of()));
        }
        return out;
    }

    static Path initialCheckpoint(Path dir) {
        try (NDManager m = NDManager.newBaseManager(); HfTokenizer tok = TinyTokenizer.standard().load()) {
            ModelConfig mc = new ModelConfig(ModelConfig.LLAMA, tok.vocabSize(), 32, 64, 2, 2, 1, 256, 1e-6, 10_000.0,
                    true, false, -1, tok.eosId());
            try (CausalLm model = CausalLm.initialize(mc, 9, m)) {
                Checkpoints.save(dir, model, tok);
            }
        }
        return dir;
    }

    static Map<String, HostTensor> weights(Path checkpoint) {
        try (NDManager m = NDManager.newBaseManager(); LoadedCheckpoint c = Checkpoints.load(checkpoint, m)) {
            return NdArrays.toHostMap(c.model().parameters());
        }
    }

    @Test
    void interruptedSftStageResumesToTheSameWeights(@TempDir Path tmp) {
        Path start = initialCheckpoint(tmp.resolve("start"));
        Path straight = StageRunner.sft("sft", SFT, start, data(), tmp.resolve("straight"), StepListener.NONE);

        Path out = tmp.resolve("interrupted");
        StepListener killAt3 = (stage, step, total, metrics) -> {
            if (step == 3) {
                throw new IllegalStateException("simulated kill at step 3");
            }
        };
        assertThrows(IllegalStateException.class, () -> StageRunner.sft("sft", SFT, start, data(), out, killAt3));
        assertFalse(Files.exists(out.resolve(TrainingLoop.CHECKPOINT)), "a killed stage has no final checkpoint");
        assertTrue(Files.isDirectory(out.resolve(TrainingLoop.RESUME).resolve("state")), "snapshot of step 2 kept");

        List<Long> resumedSteps = new ArrayList<>();
        Path resumed = StageRunner.sft("sft", SFT, start, data(), out,
                (stage, step, total, metrics) -> resumedSteps.add(step));
        assertEquals(List.of(3L, 4L, 5L, 6L), resumedSteps, "resumes after the step-2 snapshot");

        Map<String, HostTensor> a = weights(straight);
        Map<String, HostTensor> b = weights(resumed);
        assertEquals(a.keySet(), b.keySet());
        a.forEach((name, t) -> assertArrayEquals(t.data(), b.get(name).data(), 0f, name));
        // and training did move the weights
        Map<String, HostTensor> s = weights(start);
        assertFalse(java.util.Arrays.equals(s.get("model.norm.weight").data(), a.get("model.norm.weight").data()));
    }

    /** 4 steps of 2 prompts × G = 4, β > 0 (π_ref reloaded from the start on resume), snapshot every 2 steps. */
    static final GrpoConfig GRPO = new GrpoConfig(4, 0.05, 0.2, 0.28, 1, LossType.DAPO, true, 1.0, 1.0, 6, 3e-3, 4, 2,
            Map.of("accuracy", 1.0, "format", 0.5), 1, 1.0, 0.01, 2, 0, 99);

    static List<Problem> problems() {
        ArithmeticGenerator g = new ArithmeticGenerator(ArithmeticConfig.tiny());
        java.util.Random r = new java.util.Random(5);
        List<Problem> out = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            out.add(g.generate(r, Language.EN, "p" + i));
        }
        return out;
    }

    @Test
    void interruptedGrpoStageResumesToTheSameWeightsMetricsAndSamples(@TempDir Path tmp) throws Exception {
        Path start = initialCheckpoint(tmp.resolve("start"));
        Path straightDir = tmp.resolve("straight");
        Path straight = StageRunner.grpo("r1-zero", GRPO, TemplateKind.R1_ZERO_SHORT, start, problems(), straightDir,
                StepListener.NONE);

        Path out = tmp.resolve("interrupted");
        StepListener killAt3 = (stage, step, total, metrics) -> {
            if (step == 3) {
                throw new IllegalStateException("simulated kill at step 3");
            }
        };
        assertThrows(IllegalStateException.class, () -> StageRunner.grpo("r1-zero", GRPO, TemplateKind.R1_ZERO_SHORT,
                start, problems(), out, killAt3));
        assertEquals(3, MetricsLog.read(out).size(), "step 3's metrics line is written before the kill");
        List<Long> resumedSteps = new ArrayList<>();
        Path resumed = StageRunner.grpo("r1-zero", GRPO, TemplateKind.R1_ZERO_SHORT, start, problems(), out,
                (stage, step, total, metrics) -> resumedSteps.add(step));
        assertEquals(List.of(3L, 4L), resumedSteps, "resumes after the step-2 snapshot");

        Map<String, HostTensor> a = weights(straight);
        Map<String, HostTensor> b = weights(resumed);
        a.forEach((name, t) -> assertArrayEquals(t.data(), b.get(name).data(), 1e-6f, name));
        assertEquals(withoutTimings(MetricsLog.read(straightDir)), withoutTimings(MetricsLog.read(out)));
        assertEquals(List.of(1L, 2L, 3L, 4L), MetricsLog.read(out).stream()
                .map(m -> ((Number) m.get("step")).longValue()).toList());
        List<String> samples = Files.readAllLines(straightDir.resolve(SampleFiles.SAMPLES));
        assertEquals(4 * 2 * 4, samples.size(), "the last 4 (≤ 8 kept) steps × 2 prompts × G 4");
        assertEquals(samples, Files.readAllLines(out.resolve(SampleFiles.SAMPLES)));
        assertTrue(samples.get(0).contains("\"step\":1"), samples.get(0));
    }

    private static List<Map<String, Object>> withoutTimings(List<Map<String, Object>> lines) {
        return lines.stream().map(m -> {
            Map<String, Object> c = new java.util.LinkedHashMap<>(m);
            c.remove("sampling_seconds");
            c.remove("training_seconds");
            return (Map<String, Object>) c;
        }).toList();
    }
}
