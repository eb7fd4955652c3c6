package io.r1forge.stages.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Rotary position embeddings in the Hugging Face "rotate half" convention.
 *
 * <p>{@code invFreq[i] = theta^(-2i/d)} for i &lt; d/2, duplicated to length d; {@code angle = pos · invFreq};
 * {@code rope(x) = x·cos(angle) + rotateHalf(x)·sin(angle)} with {@code rotateHalf([x1, x2]) = [-x2, x1]}.
 * rotateHalf is one matmul with a fixed signed permutation R ([d, d], exact in fp32) instead of two slices, a
 * negation and a concat: fewer ops per layer, which is what costs time when decoding on a CPU.
 */
final class Rotary {
    private final NDArray invFreq; // [d]: invFreq for the two halves
    private final NDArray rotateHalf; // [d, d]: x @ R == rotateHalf(x)

    Rotary(ModelConfig config, NDManager constants) {
        int headDim = config.headDim();
        int half = headDim / 2;
        float[] freq = new float[headDim];
        for (int i = 0; i < half; i++) {
            // fp32 as in transformers: 1 / theta^(float(2i)/d)
            float f = (float) (1.0 / Math.pow(config.ropeTheta(), (float) (2 * i) / headDim));
            freq[i] = f;
            freq[i + half] = f;
        }
        invFreq = constants.create(freq, new Shape(headDim));
        float[] r = new float[headDim * headDim];
        for (int i = 0; i < half; i++) {
            r[(i + half) * headDim + i] = -1f; // out[i] = -x[i + half]
            r[i * headDim + (i + half)] = 1f; // out[i + half] = x[i]
        }
        rotateHalf = constants.create(r, new Shape(headDim, headDim));
    }

    /**
     * Cosine and sine tables for positions.
     *
     * @param positions [B, T] float positions
     * @return {cos, sin}, each [B, T, d]
     */
    NDArray[] tables(NDArray positions) {
        NDArray angle = positions.toType(DataType.FLOAT32, false).expandDims(-1).mul(invFreq); // [B, T, d]
        return new NDArray[] {angle.cos(), angle.sin()};
    }

    /** x [..., T, d] with cos/sin broadcastable to it → rope(x). */
    NDArray apply(NDArray x, NDArray cos, NDArray sin) {
        return x.mul(cos).add(x.matMul(rotateHalf).mul(sin));
    }
}
