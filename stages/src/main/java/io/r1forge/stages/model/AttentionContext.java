package io.r1forge.stages.model;

import ai.djl.ndarray.NDArray;

/**
 * What every layer's attention shares within one forward pass.
 *
 * @param cosQ [B, 1, 1, T, hd] rotary cosine, pre-multiplied by 1/sqrt(hd) (the score scale folded into q)
 * @param sinQ [B, 1, 1, T, hd] likewise
 * @param cosK [B, 1, T, hd]
 * @param sinK [B, 1, T, hd]
 * @param bias [B, 1, nRep·T, S] additive mask: 0 where query i may see key j (causal, not padding), else -1e9
 * @param cache the KV cache to read and extend, or null
 */
record AttentionContext(
        NDArray cosQ, NDArray sinQ, NDArray cosK, NDArray sinK, NDArray bias, KvCache cache) {}
