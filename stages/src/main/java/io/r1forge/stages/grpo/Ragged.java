package io.r1forge.stages.grpo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Moves per-token values between the padded [b, T−1] layout of a scored batch and the host's ragged rows
 * (one value per completion token, in order). The mask decides the positions, so the padding layout of
 * {@code TokenBatch} is not assumed here.
 */
final class Ragged {
    private Ragged() {}

    /**
     * @param values [b, T−1] fp32
     * @param mask [b, T−1] fp32, 1 on completion tokens
     * @return b rows holding {@code values} where {@code mask} is 1
     */
    static float[][] gather(NDArray values, NDArray mask) {
        int b = Math.toIntExact(values.getShape().get(0));
        int t = Math.toIntExact(values.getShape().get(1));
        float[] v = values.toFloatArray();
        float[] m = mask.toFloatArray();
        float[][] rows = new float[b][];
        for (int i = 0; i < b; i++) {
            int n = 0;
            for (int j = 0; j < t; j++) {
                n += m[i * t + j] != 0 ? 1 : 0;
            }
            rows[i] = new float[n];
            for (int j = 0, k = 0; j < t; j++) {
                if (m[i * t + j] != 0) {
                    rows[i][k++] = v[i * t + j];
                }
            }
        }
        return rows;
    }

    /**
     * The inverse of {@link #gather}: a [b, T−1] array with row i's values at the mask's positions, 0 elsewhere.
     *
     * @throws IllegalArgumentException when a row's length differs from its number of mask positions
     */
    static NDArray scatter(NDManager manager, float[][] rows, NDArray mask) {
        int b = Math.toIntExact(mask.getShape().get(0));
        int t = Math.toIntExact(mask.getShape().get(1));
        float[] m = mask.toFloatArray();
        float[] out = new float[b * t];
        for (int i = 0; i < b; i++) {
            int k = 0;
            for (int j = 0; j < t; j++) {
                if (m[i * t + j] != 0) {
                    if (k >= rows[i].length) {
                        throw new IllegalArgumentException("row " + i + " has " + rows[i].length
                                + " values but more completion positions in the mask");
                    }
                    out[i * t + j] = rows[i][k++];
                }
            }
            if (k != rows[i].length) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values but "
                        + k + " completion positions in the mask");
            }
        }
        return manager.create(out, mask.getShape());
    }
}
