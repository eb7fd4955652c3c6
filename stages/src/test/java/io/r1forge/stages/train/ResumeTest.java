package io.r1forge.stages.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stopped training continues exactly: 6 steps straight == 3 steps, save, reload fresh, 3 steps (bit for bit). */
class ResumeTest {
    private static final int DATA = 64;
    private static final LrSchedule SCHEDULE = LrSchedule.cosine(0.05, 2, 6, 0.1);

    /** A 2-layer MLP regressing y = sum(x) on random data: enough to exercise accumulation, clipping, decay. */
    private static final class Run implements AutoCloseable {
        final NDManager manager = NDManager.newBaseManager();
        final Map<String, NDArray> params = new LinkedHashMap<>();
        final AdamW opt;
        final TrainStep trainStep;
        final NDArray x;
        final NDArray y;
        CounterRng rng = new CounterRng(7);
        long cursor;
        long step;

        Run() {
            CounterRng init = new CounterRng(1234);
            params.put("w1", randn(init, new Shape(4, 16)));
            params.put("b1", manager.zeros(new Shape(16)));
            params.put("w2", randn(init, new Shape(16, 1)));
            params.values().forEach(p -> p.setRequiresGradient(true));
            x = randn(init, new Shape(DATA, 4));
            y = x.sum(new int[] {1}, true);
            opt = new AdamW(params, AdamW.Config.defaults().withWeightDecay(0.1), manager);
            trainStep = new TrainStep(params, opt, SCHEDULE, 0.5);
        }

        NDArray randn(CounterRng r, Shape s) {
            float[] v = new float[(int) s.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (r.nextDouble() * 2 - 1);
            }
            return manager.create(v, s);
        }

        /** Two micro-batches of 8 rows: one from the data cursor, one drawn by the RNG. */
        TrainStep.Result step() {
            TrainStep.Result r = trainStep.run(2, (i, sm) -> {
                int start = i == 0 ? (int) (cursor % (DATA - 8)) : rng.nextInt(DATA - 8);
                NDArray xb = x.get(start + ":" + (start + 8));
                NDArray yb = y.get(start + ":" + (start + 8));
                xb.attach(sm);
                yb.attach(sm);
                NDArray h = xb.matMul(params.get("w1")).add(params.get("b1")).tanh();
                return h.matMul(params.get("w2")).sub(yb).square().mean();
            }, manager);
            cursor += 8;
            step++;
            return r;
        }

        void save(Path dir) {
            TrainingState.capture(step, opt, rng, cursor, Map.of("run", "resume-test")).save(dir, opt);
        }

        void restore(Path dir) {
            TrainingState s = TrainingState.load(dir, opt);
            step = s.step();
            cursor = s.dataCursor();
            rng = s.rng();
            assertEquals("resume-test", s.extra().get("run"));
        }

        void copyParamsFrom(Run other) {
            params.forEach((n, p) -> p.set(other.params.get(n).toFloatArray()));
        }

        @Override
        public void close() {
            opt.close();
            manager.close();
        }
    }

    @Test
    void threeStepsSaveReloadThreeStepsIsBitIdenticalToSixSteps(@TempDir Path dir) {
        try (Run straight = new Run(); Run first = new Run(); Run resumed = new Run()) {
            double firstLoss = straight.step().loss();
            double lastLoss = 0;
            for (int i = 1; i < 6; i++) {
                lastLoss = straight.step().loss();
            }
            assertTrue(lastLoss < firstLoss, "training makes progress: " + firstLoss + " -> " + lastLoss);

            for (int i = 0; i < 3; i++) {
                first.step();
            }
            Path state = dir.resolve("train-state");
            first.save(state);
            first.save(state); // saving over an existing state replaces it
            assertTrue(Files.exists(state.resolve(TrainingState.OPTIMIZER_FILE)));
            assertTrue(Files.notExists(dir.resolve("train-state.tmp")));

            resumed.copyParamsFrom(first); // the weights come from the checkpoint in real use
            resumed.restore(state);
            assertEquals(3, resumed.opt.stepCount());
            for (int i = 0; i < 3; i++) {
                resumed.step();
            }
            for (String n : straight.params.keySet()) {
                float[] a = straight.params.get(n).toFloatArray();
                float[] b = resumed.params.get(n).toFloatArray();
                for (int i = 0; i < a.length; i++) {
                    assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]), n + "[" + i + "]");
                }
            }
        }
    }
}
