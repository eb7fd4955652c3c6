package io.r1forge.stages.model;

import ai.djl.ndarray.NDArray;

/** Pre-norm block: {@code h = x + attn(norm1(x)); y = h + mlp(norm2(h))}. */
final class DecoderLayer {
    private final RmsNorm inputNorm;
    private final Attention attention;
    private final RmsNorm postAttentionNorm;
    private final Mlp mlp;

    DecoderLayer(RmsNorm inputNorm, Attention attention, RmsNorm postAttentionNorm, Mlp mlp) {
        this.inputNorm = inputNorm;
        this.attention = attention;
        this.postAttentionNorm = postAttentionNorm;
        this.mlp = mlp;
    }

    /** x [B, T, D] → [B, T, D]. */
    NDArray forward(NDArray x, AttentionContext ctx) {
        NDArray h = x.add(attention.forward(inputNorm.forward(x), ctx));
        return h.add(mlp.forward(postAttentionNorm.forward(h)));
    }
}
