package io.r1forge.stages.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws one token from a row of logits on the host: greedy, or temperature + top-k + top-p then inverse CDF.
 *
 * <p>DJL has no multinomial op (DESIGN §6) and a [B, V] row is small, so sampling in Java is both possible and
 * exactly reproducible: one {@code rng.nextDouble()} per sampled token.
 */
final class TokenSampler {
    private final double temperature;
    private final int topK;
    private final double topP;

    TokenSampler(GenerationConfig cfg) {
        this.temperature = cfg.temperature();
        this.topK = cfg.topK();
        this.topP = cfg.topP();
    }

    /** Samples from {@code logits[offset, offset + v)}; greedy (lowest index among ties) at temperature 0. */
    int sample(float[] logits, int offset, int v, SplittableRandom rng) {
        if (temperature == 0) {
            return argMax(logits, offset, v);
        }
        double[] p = softmax(logits, offset, v); // p_i = exp((l_i - max) / T) / Σ
        if (topK <= 0 && topP >= 1.0) {
            return inverseCdf(p, null, v, 1.0, rng);
        }
        int[] order = descending(p);
        int keep = topK > 0 ? Math.min(topK, v) : v;
        double kept = 0;
        int n = 0;
        // nucleus: smallest prefix (by probability) whose mass reaches topP; the top token is always kept
        while (n < keep && (n == 0 || kept < topP)) {
            kept += p[order[n]];
            n++;
        }
        return inverseCdf(p, order, n, kept, rng);
    }

    static int argMax(float[] logits, int offset, int v) {
        int best = 0;
        for (int i = 1; i < v; i++) {
            if (logits[offset + i] > logits[offset + best]) {
                best = i;
            }
        }
        return best;
    }

    private double[] softmax(float[] logits, int offset, int v) {
        float max = logits[offset + argMax(logits, offset, v)];
        double[] p = new double[v];
        double sum = 0;
        for (int i = 0; i < v; i++) {
            p[i] = Math.exp((logits[offset + i] - max) / temperature);
            sum += p[i];
        }
        for (int i = 0; i < v; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** Indices by decreasing probability, ties by increasing index: one primitive sort of packed keys. */
    private static int[] descending(double[] p) {
        int v = p.length;
        long[] keys = new long[v];
        for (int i = 0; i < v; i++) {
            // non-negative floats order like their bit patterns; low bits (v-1-i) put lower indices last
            keys[i] = ((long) Float.floatToIntBits((float) p[i]) << 32) | (v - 1 - i);
        }
        Arrays.sort(keys);
        int[] order = new int[v];
        for (int r = 0; r < v; r++) {
            order[r] = v - 1 - (int) (keys[v - 1 - r] & 0xffffffffL);
        }
        return order;
    }

    /** The first candidate whose cumulative mass exceeds u·total; order null = index order. */
    private static int inverseCdf(double[] p, int[] order, int n, double total, SplittableRandom rng) {
        double u = rng.nextDouble() * total;
        double cum = 0;
        for (int r = 0; r < n; r++) {
            int i = order == null ? r : order[r];
            cum += p[i];
            if (u < cum) {
                return i;
            }
        }
        return order == null ? n - 1 : order[n - 1]; // rounding: u within the last ulp of the total
    }
}
