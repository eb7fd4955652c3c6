package io.r1forge.stages.generate;

import ai.djl.ndarray.NDArray;

/**
 * Per-token scores of a {@link TokenBatch}.
 *
 * @param logps [B, T-1] fp32: {@code logps[b,t] = log p(inputIds[b,t+1] | inputIds[b,<=t])}
 * @param entropy [B, T-1] fp32: entropy of the predictive distribution at position t
 * @param mask [B, T-1] fp32: 1 where the predicted token inputIds[b,t+1] is a completion token
 */
public record TokenScores(NDArray logps, NDArray entropy, NDArray mask) {}
