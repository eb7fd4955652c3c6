package io.r1forge.stages.grpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.r1forge.stages.io.Checkpoint;
import io.r1forge.stages.io.GenerationDefaults;
import io.r1forge.stages.io.HostTensor;
import io.r1forge.stages.io.Safetensors;
import io.r1forge.stages.model.CausalLm;
import io.r1forge.stages.spec.GrpoConfig;
import io.r1forge.stages.spec.LossType;
import io.r1forge.stages.tokenizer.HfTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stage runner on local files: outputs, and a stopped run that resumes into the uninterrupted one. */
class GrpoStageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Path base;

    @BeforeAll
    static void baseCheckpoint() {
        base = dir.resolve("base");
        try (NDManager nd = NDManager.newBaseManager();
                HfTokenizer tok = GrpoFixtures.tokenizer();
                CausalLm model = GrpoFixtures.tinyModel(tok, 17, nd)) {
            Checkpoint.save(base, model, tok, GenerationDefaults.r1(-1, tok.eosId(), tok.padId(), 8));
        }
    }

    /** 4 steps of 2 prompts × G = 4, β > 0 (a reference model to reload on resume), snapshot every 2 steps. */
    private static GrpoConfig config() {
        return new GrpoConfig(4, 0.05, 0.2, 0.28, 1, LossType.DAPO, true, 1.0, 1.0, 6, 3e-3, 4, 2, Map.of(), 1,
                1.0, 0.01, 2, 0, 99);
    }

    private static GrpoStageRequest request(Path out, ProgressListener listener) {
        return new GrpoStageRequest(base, out, config(), GrpoFixtures.problems(16),
                GrpoRewards.of(GrpoFixtures.digitShare()), GrpoFixtures.options(3), 2, listener);
    }

    @Test
    void aStoppedRunResumesIntoTheUninterruptedRun() throws Exception {
        List<Long> heard = new ArrayList<>();
        GrpoStageResult straight = GrpoStage.run(request(dir.resolve("straight"), (s, max, m) -> heard.add(s)));
        assertEquals(List.of(1L, 2L, 3L, 4L), heard);
        assertEquals(4, straight.steps());

        Path out = dir.resolve("stopped");
        // the listener stops the run after step 3: the snapshot of step 2 is kept, step 3's metrics line is redone
        assertThrows(IllegalStateException.class, () -> GrpoStage.run(request(out, (s, max, m) -> {
            if (s == 3) {
                throw new IllegalStateException("stopped");
            }
        })));
        assertEquals(3, Files.readAllLines(out.resolve(StageFiles.METRICS)).size());
        GrpoStageResult resumed = GrpoStage.run(request(out, ProgressListener.NONE));

        assertEquals(4, resumed.steps());
        assertEquals(0.0, maxDiff(straight.checkpoint(), resumed.checkpoint()), 1e-6);
        assertEquals(withoutTimings(straight.metricsFile()), withoutTimings(resumed.metricsFile()));
        assertEquals(Files.readAllLines(straight.samplesFile()), Files.readAllLines(resumed.samplesFile()));
        assertEquals(withoutTimings(straight.metricsFile()).get(3), straight.finalMetrics().withoutTimings());
    }

    @Test
    void writesMetricsSamplesAndACheckpointThatLoads() throws Exception {
        GrpoStageResult r = GrpoStage.run(request(dir.resolve("outputs"), ProgressListener.NONE));
        List<String> samples = Files.readAllLines(r.samplesFile());
        assertEquals(2 * 2 * 4, samples.size(), "the last 2 steps × 2 prompts × G 4");
        SampleRecord first = JSON.readValue(samples.get(0), SampleRecord.class);
        assertEquals(3, first.step());
        assertTrue(first.rewards().containsKey("digits") && first.rewards().containsKey("accuracy"));
        assertEquals(4, Files.readAllLines(r.metricsFile()).size());
        assertTrue(r.finalMetrics().klMean() > 0, "β > 0 and the policy moved: " + r.finalMetrics());
        try (NDManager nd = NDManager.newBaseManager();
                Checkpoint.LoadedCheckpoint c = Checkpoint.load(r.checkpoint(), nd)) {
            assertEquals(GrpoFixtures.tokenizer().vocabSize(), c.model().config().vocabSize());
        }
        assertTrue(maxDiff(base, r.checkpoint()) > 1e-4, "training changed the weights");
    }

    private static List<StepMetrics> withoutTimings(Path metricsFile) throws Exception {
        List<StepMetrics> out = new ArrayList<>();
        for (String line : Files.readAllLines(metricsFile)) {
            out.add(JSON.readValue(line, StepMetrics.class).withoutTimings());
        }
        return out;
    }

    private static double maxDiff(Path a, Path b) {
        Map<String, HostTensor> x = Safetensors.read(a.resolve(Safetensors.MODEL_FILE));
        Map<String, HostTensor> y = Safetensors.read(b.resolve(Safetensors.MODEL_FILE));
        double max = 0;
        for (String name : x.keySet()) {
            float[] p = x.get(name).data();
            float[] q = y.get(name).data();
            for (int i = 0; i < p.length; i++) {
                max = Math.max(max, Math.abs(p[i] - q[i]));
            }
        }
        return max;
    }
}
