package io.r1forge.stages.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.r1forge.stages.model.CausalLm;
import io.r1forge.stages.model.TestModels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScorerTest {
    private static final int V = 64;

    @Test
    void logpsAreLogSoftmaxPickedAtTheNextToken() {
        List<int[]> prompts = List.of(new int[] {3, 4, 5}, new int[] {9});
        List<int[]> completions = List.of(new int[] {6, 7}, new int[] {10, 11, 12});
        try (NDManager m = NDManager.newBaseManager();
                CausalLm lm = TestModels.random(V, 5, 3f, m)) {
            TokenBatch batch = TokenBatch.of(m, prompts, completions, 0);
            assertArrayEquals(new long[] {3, 4, 5, 6, 7, 9, 10, 11, 12, 0}, batch.inputIds().toLongArray());
            assertArrayEquals(new long[] {0, 0, 0, 1, 1, 0, 1, 1, 1, 0}, batch.completionMask().toLongArray());
            TokenScores s = Scorer.score(lm, batch);
            assertEquals(new ai.djl.ndarray.types.Shape(2, 4), s.logps().getShape());
            assertArrayEquals(new float[] {0, 0, 1, 1, 1, 1, 1, 0}, s.mask().toFloatArray());
            float[] logits = lm.forward(batch.inputIds(), batch.attentionMask(), null).toFloatArray(); // [2, 5, V]
            long[] ids = batch.inputIds().toLongArray();
            float[] logps = s.logps().toFloatArray();
            float[] entropy = s.entropy().toFloatArray();
            for (int b = 0; b < 2; b++) {
                for (int t = 0; t < 4; t++) {
                    double[] lsm = logSoftmax(logits, (b * 5 + t) * V);
                    int next = (int) ids[b * 5 + t + 1];
                    assertEquals(lsm[next], logps[b * 4 + t], 1e-5, "logp b=" + b + " t=" + t);
                    double h = 0;
                    for (double l : lsm) {
                        h -= Math.exp(l) * l;
                    }
                    assertEquals(h, entropy[b * 4 + t], 1e-4, "entropy b=" + b + " t=" + t);
                }
            }
        }
    }

    @Test
    void probabilitiesOfAllNextTokensSumToOne() {
        List<int[]> prompts = new ArrayList<>();
        List<int[]> completions = new ArrayList<>();
        for (int v = 0; v < V; v++) {
            prompts.add(new int[] {7, 21, 33});
            completions.add(new int[] {v});
        }
        try (NDManager m = NDManager.newBaseManager();
                CausalLm lm = TestModels.random(V, 6, 3f, m)) {
            float[] logps = Scorer.score(lm, TokenBatch.of(m, prompts, completions, 0)).logps().toFloatArray();
            double sum = 0;
            for (int v = 0; v < V; v++) {
                sum += Math.exp(logps[v * 3 + 2]); // [V rows, 3 positions]: the last predicts the completion
            }
            assertEquals(1.0, sum, 1e-5);
        }
    }

    @Test
    void gradientsFlowToParametersInsideACollector() {
        try (NDManager m = NDManager.newBaseManager();
                CausalLm lm = TestModels.random(V, 8, 2f, m)) {
            lm.setTrainable(true);
            TokenBatch batch = TokenBatch.of(m, List.of(new int[] {3, 4}, new int[] {5}),
                    List.of(new int[] {6, 7, 8}, new int[] {9}), 0);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                TokenScores s = Scorer.score(lm, batch);
                NDArray loss = s.logps().mul(s.mask()).sum().neg();
                gc.backward(loss);
            }
            NDArray embedGrad = lm.parameters().get("model.embed_tokens.weight").getGradient();
            assertTrue(embedGrad.abs().sum().getFloat() > 0, "embedding gradient");
            float[] rowNotSeen = embedGrad.get(50).toFloatArray(); // token 50 neither input nor target
            float[] rowInput = embedGrad.get(3).toFloatArray();
            assertTrue(maxAbs(rowInput) > 0);
            assertTrue(maxAbs(rowNotSeen) > 0, "tied head: every row gets a gradient through the softmax");
            NDArray qGrad = lm.parameters().get("model.layers.0.self_attn.q_proj.weight").getGradient();
            assertTrue(qGrad.abs().sum().getFloat() > 0, "attention gradient");
        }
    }

    private static double[] logSoftmax(float[] logits, int offset) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < V; i++) {
            max = Math.max(max, logits[offset + i]);
        }
        double sum = 0;
        for (int i = 0; i < V; i++) {
            sum += Math.exp(logits[offset + i] - max);
        }
        double[] out = new double[V];
        for (int i = 0; i < V; i++) {
            out[i] = logits[offset + i] - max - Math.log(sum);
        }
        return out;
    }

    private static float maxAbs(float[] a) {
        float m = 0;
        for (float x : a) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
