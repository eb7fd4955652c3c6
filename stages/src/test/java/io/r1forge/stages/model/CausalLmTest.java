package io.r1forge.stages.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CausalLmTest {
    private static final int V = 64;

    @Test
    void kvCachedDecodingMatchesFullRecompute() {
        // row 0: 5 prompt tokens; row 1: 3 tokens left padded by 2
        long[][] rows = {{5, 9, 14, 3, 22}, {0, 0, 7, 30, 11}};
        long[][] masks = {{1, 1, 1, 1, 1}, {0, 0, 1, 1, 1}};
        try (NDManager m = NDManager.newBaseManager();
                CausalLm lm = TestModels.random(V, 7, 5f, m);
                NDManager work = lm.newWorkManager();
                KvCache cache = lm.newCache(work)) {
            long[][] seq = {rows[0].clone(), rows[1].clone()};
            long[][] msk = {masks[0].clone(), masks[1].clone()};
            float[] cached = lastLogits(lm, work, seq, msk, cache);
            double maxErr = 0;
            int arraysAfterFirstStep = -1;
            for (int step = 0; step < 20; step++) {
                float[] full = lastLogits(lm, work, seq, msk, null);
                for (int i = 0; i < full.length; i++) {
                    maxErr = Math.max(maxErr, Math.abs(full[i] - cached[i]));
                }
                long[] next = {argMax(full, 0), argMax(full, V)};
                assertEquals(argMax(cached, 0), next[0], "greedy token, row 0, step " + step);
                assertEquals(argMax(cached, V), next[1], "greedy token, row 1, step " + step);
                for (int b = 0; b < 2; b++) {
                    seq[b] = append(seq[b], next[b]);
                    msk[b] = append(msk[b], 1);
                }
                cached = lastLogits(lm, work, new long[][] {{next[0]}, {next[1]}}, new long[][] {{1}, {1}}, cache);
                int arrays = work.getManagedArrays().size();
                if (step == 0) {
                    arraysAfterFirstStep = arrays;
                }
                assertEquals(arraysAfterFirstStep, arrays, "cache arrays are replaced, not accumulated");
            }
            assertEquals(2 * 4 + 2, arraysAfterFirstStep, "K and V per layer, key bias, token counts");
            assertEquals(5 + 20, cache.length());
            assertTrue(maxErr < 1e-4, "cached vs full logits: " + maxErr);
        }
    }

    @Test
    void forwardLeavesNothingInTheParameterManager() {
        try (NDManager m = NDManager.newBaseManager();
                CausalLm lm = TestModels.random(V, 1, 1f, m)) {
            NDManager paramManager = lm.parameters().get("model.norm.weight").getManager();
            int before = paramManager.getManagedArrays().size();
            try (NDManager step = lm.newWorkManager()) {
                lm.forward(step.create(new long[] {1, 2, 3}, new Shape(1, 3)), null, null);
                assertTrue(step.getManagedArrays().size() > 50, "intermediates live in the step manager");
            }
            assertEquals(before, paramManager.getManagedArrays().size());
        }
    }

    @Test
    void fromParametersNamesMissingAndMisshapenTensors() {
        ModelConfig c = ModelConfig.tiny(V);
        try (NDManager m = NDManager.newBaseManager();
                CausalLm lm = CausalLm.initialize(c, 3, m)) {
            Map<String, NDArray> params = new LinkedHashMap<>();
            lm.parameters().forEach((k, v) -> params.put(k, v.duplicate()));
            params.remove("model.layers.2.mlp.up_proj.weight");
            ModelConfigException missing = assertThrows(ModelConfigException.class,
                    () -> CausalLm.fromParameters(c, params, m));
            assertTrue(missing.getMessage().contains("missing tensor 'model.layers.2.mlp.up_proj.weight'"),
                    missing.getMessage());
            params.put("model.layers.2.mlp.up_proj.weight", m.zeros(new Shape(128, 384)));
            ModelConfigException shape = assertThrows(ModelConfigException.class,
                    () -> CausalLm.fromParameters(c, params, m));
            assertTrue(shape.getMessage().contains("'model.layers.2.mlp.up_proj.weight' has shape (128, 384)"),
                    shape.getMessage());
            params.put("model.layers.2.mlp.up_proj.weight", m.zeros(new Shape(384, 128)));
            params.put("model.layers.0.self_attn.q_proj.bias", m.zeros(new Shape(128)));
            ModelConfigException extra = assertThrows(ModelConfigException.class,
                    () -> CausalLm.fromParameters(c, params, m));
            assertTrue(extra.getMessage().contains("unexpected tensor 'model.layers.0.self_attn.q_proj.bias'"),
                    extra.getMessage());
        }
    }

    @Test
    void frozenCopyIsIndependentAndGradientFree() {
        try (NDManager m = NDManager.newBaseManager();
                CausalLm lm = TestModels.random(V, 2, 3f, m)) {
            lm.setTrainable(true);
            NDArray ids = m.create(new long[] {4, 8, 15, 16}, new Shape(1, 4));
            try (CausalLm ref = lm.copyFrozen(m)) {
                float[] before = ref.forward(ids, null, null).toFloatArray();
                assertTrue(Arrays.equals(before, lm.forward(ids, null, null).toFloatArray()));
                assertFalse(ref.parameters().get("model.embed_tokens.weight").hasGradient());
                boolean grad = JniUtils.isGradMode();
                JniUtils.setGradMode(false); // in-place update of a leaf that requires gradients
                lm.parameters().get("model.norm.weight").muli(2f);
                JniUtils.setGradMode(grad);
                assertTrue(Arrays.equals(before, ref.forward(ids, null, null).toFloatArray()), "copy unchanged");
                assertFalse(Arrays.equals(before, lm.forward(ids, null, null).toFloatArray()), "original changed");
            }
        }
    }

    private static float[] lastLogits(CausalLm lm, NDManager work, long[][] ids, long[][] mask, KvCache cache) {
        try (NDManager step = work.newSubManager()) {
            Shape shape = new Shape(ids.length, ids[0].length);
            NDArray logits = lm.lastLogits(step.create(flat(ids), shape), step.create(flat(mask), shape), cache);
            return logits.toFloatArray();
        }
    }

    private static long[] flat(long[][] rows) {
        return Arrays.stream(rows).flatMapToLong(Arrays::stream).toArray();
    }

    private static long[] append(long[] a, long x) {
        long[] out = Arrays.copyOf(a, a.length + 1);
        out[a.length] = x;
        return out;
    }

    static int argMax(float[] a, int offset) {
        int best = 0;
        for (int i = 1; i < V; i++) {
            if (a[offset + i] > a[offset + best]) {
                best = i;
            }
        }
        return best;
    }
}
