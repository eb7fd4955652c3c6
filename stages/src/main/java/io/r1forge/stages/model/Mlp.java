package io.r1forge.stages.model;

import ai.djl.ndarray.NDArray;

/** SwiGLU feed-forward: {@code down(silu(gate(x)) * up(x))}, silu(z) = z·σ(z); no biases. */
final class Mlp {
    private final NDArray gate; // [F, D]
    private final NDArray up; // [F, D]
    private final NDArray down; // [D, F]

    Mlp(NDArray gate, NDArray up, NDArray down) {
        this.gate = gate;
        this.up = up;
        this.down = down;
    }

    /** x [B, T, D] → [B, T, D]. */
    NDArray forward(NDArray x) {
        NDArray g = Linear.apply(x, gate, null); // [B, T, F]
        NDArray u = Linear.apply(x, up, null); // [B, T, F]
        NDArray h = g.mul(g.getNDArrayInternal().sigmoid()).mul(u);
        return Linear.apply(h, down, null);
    }
}
