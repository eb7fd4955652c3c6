package io.r1forge.stages.model;

import ai.djl.ndarray.NDArray;

/**
 * Multi-head self-attention with rotary positions and grouped-query attention (nKv key/value heads, each shared
 * by nRep = nHead / nKv query heads).
 *
 * <p>{@code out = o_proj(softmax(rope(q) rope(k)ᵀ / sqrt(hd) + bias) v)}. Query heads are grouped by their
 * key/value head ([B, nKv, nRep·T, hd]) so one batched matmul serves a whole group: no copy of K/V per query
 * head, and cached arrays stay operands (see {@link KvCache}).
 */
final class Attention {
    private final NDArray wq; // [nHead·hd, D]
    private final NDArray wk; // [nKv·hd, D]
    private final NDArray wv; // [nKv·hd, D]
    private final NDArray wo; // [D, nHead·hd]
    private final NDArray bq; // [nHead·hd] or null
    private final NDArray bk; // [nKv·hd] or null
    private final NDArray bv; // [nKv·hd] or null
    private final Rotary rotary;
    private final int layer;
    private final int nKv;
    private final int nRep;
    private final int hd;

    Attention(ModelConfig c, int layer, NDArray[] weights, NDArray[] biases, Rotary rotary) {
        this.wq = weights[0];
        this.wk = weights[1];
        this.wv = weights[2];
        this.wo = weights[3];
        this.bq = biases[0];
        this.bk = biases[1];
        this.bv = biases[2];
        this.rotary = rotary;
        this.layer = layer;
        this.nKv = c.numKeyValueHeads();
        this.nRep = c.numAttentionHeads() / c.numKeyValueHeads();
        this.hd = c.headDim();
    }

    /** x [B, T, D] → [B, T, D]. */
    NDArray forward(NDArray x, AttentionContext ctx) {
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        NDArray q = Linear.apply(x, wq, bq) // [B, T, nHead·hd]
                .reshape(b, t, nKv, nRep, hd)
                .transpose(0, 2, 3, 1, 4); // [B, nKv, nRep, T, hd]
        q = rotary.apply(q, ctx.cosQ(), ctx.sinQ()).reshape(b, nKv, nRep * t, hd);
        NDArray k = Linear.apply(x, wk, bk).reshape(b, t, nKv, hd).transpose(0, 2, 1, 3); // [B, nKv, T, hd]
        NDArray kT = rotary.apply(k, ctx.cosK(), ctx.sinK()).transpose(0, 1, 3, 2); // [B, nKv, hd, T]
        NDArray v = Linear.apply(x, wv, bv).reshape(b, t, nKv, hd).transpose(0, 2, 1, 3); // [B, nKv, T, hd]
        if (ctx.cache() != null) {
            NDArray[] kv = ctx.cache().append(layer, kT, v);
            kT = kv[0]; // [B, nKv, hd, S]
            v = kv[1]; // [B, nKv, S, hd]
        }
        NDArray probs = q.matMul(kT).add(ctx.bias()).softmax(-1); // [B, nKv, nRep·T, S]
        NDArray out = probs.matMul(v) // [B, nKv, nRep·T, hd]
                .reshape(b, nKv, nRep, t, hd)
                .transpose(0, 3, 1, 2, 4) // [B, T, nKv, nRep, hd]
                .reshape(b, t, (long) nKv * nRep * hd);
        return Linear.apply(out, wo, null);
    }
}
