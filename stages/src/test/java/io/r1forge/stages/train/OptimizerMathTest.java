package io.r1forge.stages.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Formula tests on hand-written tensors: AdamW, clipping, schedule, RNG. */
class OptimizerMathTest {
    private NDManager base;

    @BeforeEach
    void open() {
        base = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        base.close();
    }

    /** Sets gradient := {@code g} by back-propagating {@code sum(p * g)}. */
    private void setGrad(NDArray p, float[] g) {
        Gradients.zero(List.of(p));
        try (GradientCollector c = Engine.getInstance().newGradientCollector();
                NDManager s = base.newSubManager()) {
            c.backward(p.mul(s.create(g, p.getShape())).sum());
        }
    }

    @Test
    void adamwMatchesTheFormulaOverSeveralSteps() {
        NDArray w = base.create(new float[] {1f, -2f, 0.5f, 3f}, new Shape(2, 2));
        w.setRequiresGradient(true);
        AdamW.Config cfg = new AdamW.Config(0.9, 0.95, 1e-8, 0.1, false);
        AdamW opt = new AdamW(Map.of("w", w), cfg, base);
        double[] p = {1, -2, 0.5, 3};
        double[] m = new double[4];
        double[] v = new double[4];
        float[][] grads = {{0.5f, -1f, 2f, 0f}, {0.1f, 0.3f, -2f, 1e-3f}, {-0.7f, 0.2f, 0f, 4f}};
        double[] lrs = {1e-2, 5e-3, 2e-2};
        for (int t = 1; t <= 3; t++) {
            setGrad(w, grads[t - 1]);
            opt.step(lrs[t - 1]);
            for (int i = 0; i < 4; i++) {
                double g = grads[t - 1][i];
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.95 * v[i] + 0.05 * g * g;
                double mh = m[i] / (1 - Math.pow(0.9, t));
                double vh = v[i] / (1 - Math.pow(0.95, t));
                p[i] -= lrs[t - 1] * (mh / (Math.sqrt(vh) + 1e-8) + 0.1 * p[i]);
            }
            float[] got = w.toFloatArray();
            for (int i = 0; i < 4; i++) {
                assertEquals(p[i], got[i], 1e-6, "step " + t + " element " + i);
            }
        }
        assertEquals(3, opt.stepCount());
        opt.close();
    }

    @Test
    void adamwMatchesTorch113OnAFixedSequence() {
        // torch.optim.AdamW([p], lr=0.01, betas=(0.9,0.999), eps=1e-8, weight_decay=0.01), p=[1.0,-1.0],
        // grads [0.3,-0.2] then [-0.1,0.4]: printed by /usr/bin/python3 (torch 1.13.1).
        NDArray w = base.create(new float[] {1f, -1f});
        w.setRequiresGradient(true);
        AdamW opt = new AdamW(Map.of("w", w), new AdamW.Config(0.9, 0.999, 1e-8, 0.01, true), base);
        setGrad(w, new float[] {0.3f, -0.2f});
        opt.step(0.01);
        setGrad(w, new float[] {-0.1f, 0.4f});
        opt.step(0.01);
        assertArrayEquals(TORCH_TWO_STEPS, w.toFloatArray(), 1e-7f);
        opt.close();
    }

    static final float[] TORCH_TWO_STEPS = {0.98579878f, -0.99346203f};

    @Test
    void decayVectorsFalseLeavesOneDimensionalParametersUndecayed() {
        NDArray gain = base.create(new float[] {2f, 2f});
        gain.setRequiresGradient(true);
        AdamW opt = new AdamW(Map.of("g", gain), new AdamW.Config(0.9, 0.999, 1e-8, 0.5, false), base);
        setGrad(gain, new float[] {0f, 0f});
        opt.step(0.1);
        assertArrayEquals(new float[] {2f, 2f}, gain.toFloatArray(), "zero gradient, no decay: unchanged");
        opt.close();
    }

    @Test
    void clipGlobalNormScalesBothSignsAndReturnsPreClipNorm() {
        NDArray a = base.create(new float[] {5f, -5f});
        NDArray b = base.create(new float[] {0f, 0f, 0f});
        a.setRequiresGradient(true);
        b.setRequiresGradient(true);
        setGrad(a, new float[] {3f, -4f});
        double norm = GradientClipping.clipGlobalNorm(List.of(a, b), 1.0, base);
        assertEquals(5.0, norm, 1e-6);
        try (NDManager s = base.newSubManager()) {
            assertArrayEquals(new float[] {0.6f, -0.8f}, Gradients.of(a, s).toFloatArray(), 1e-6f);
        }
        double again = GradientClipping.clipGlobalNorm(List.of(a, b), 1.0, base);
        assertEquals(1.0, again, 1e-5, "already within bound");
        double unclipped = GradientClipping.clipGlobalNorm(List.of(a, b), 0, base);
        assertEquals(again, unclipped, 1e-6, "maxNorm 0 measures only");
    }

    @Test
    void scheduleWarmsUpThenCosineToFloor() {
        LrSchedule s = LrSchedule.cosine(1.0, 4, 14, 0.1);
        assertEquals(0.25, s.lr(0), 1e-12);
        assertEquals(1.0, s.lr(3), 1e-12);
        assertEquals(1.0, s.lr(4), 1e-12);
        assertEquals(0.1 + 0.9 * 0.5, s.lr(9), 1e-12, "half way: mid point");
        assertEquals(0.1, s.lr(14), 1e-12);
        assertEquals(0.1, s.lr(100), 1e-12, "stays at the floor");
        assertEquals(3e-4, LrSchedule.constant(3e-4).lr(1000), 0);
    }

    @Test
    void counterRngResumesTheSameStream() {
        CounterRng a = new CounterRng(42);
        for (int i = 0; i < 5; i++) {
            a.nextLong();
        }
        CounterRng b = new CounterRng(42, a.counter());
        for (int i = 0; i < 10; i++) {
            assertEquals(a.nextLong(), b.nextLong());
        }
        assertNotEquals(new CounterRng(1).nextLong(), new CounterRng(2).nextLong());
        int[] counts = new int[3];
        for (int i = 0; i < 3000; i++) {
            counts[a.nextInt(3)]++;
        }
        for (int c : counts) {
            assertTrue(c > 850 && c < 1150, "roughly uniform: " + c);
        }
    }

    static Map<String, NDArray> named(NDArray... arrays) {
        Map<String, NDArray> m = new LinkedHashMap<>();
        for (int i = 0; i < arrays.length; i++) {
            m.put("p" + i, arrays[i]);
        }
        return m;
    }
}
