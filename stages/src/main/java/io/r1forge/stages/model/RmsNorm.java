package io.r1forge.stages.model;

import ai.djl.ndarray.NDArray;

/**
 * Root-mean-square layer norm: {@code y = x / sqrt(mean(x², last axis) + eps) * weight}, computed in fp32.
 */
final class RmsNorm {
    private static final int[] LAST_AXIS = {-1};

    private final NDArray weight; // [D]
    private final NDArray eps; // [1], a tensor because ops with Java scalars are slow in DJL (DESIGN §6)

    RmsNorm(NDArray weight, NDArray eps) {
        this.weight = weight;
        this.eps = eps;
    }

    /** x [..., D] → [..., D], in the manager of x. */
    NDArray forward(NDArray x) {
        NDArray meanSquare = x.square().mean(LAST_AXIS, true); // [..., 1]
        return x.div(meanSquare.add(eps).sqrt()).mul(weight);
    }
}
