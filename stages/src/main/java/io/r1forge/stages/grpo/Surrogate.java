package io.r1forge.stages.grpo;

import ai.djl.ndarray.NDArray;

/**
 * The clipped surrogate per token.
 *
 * @param perTokenLoss [B, T] −min(ρ·A, clip(ρ, 1−ε, 1+ε_high)·A)
 * @param clipped [B, T] 1 where the clipped branch is active (zero gradient), else 0
 */
public record Surrogate(NDArray perTokenLoss, NDArray clipped) {}
