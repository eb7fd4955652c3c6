package io.r1forge.stages.grpo;

import ai.djl.ndarray.NDArray;

/**
 * The tensors of one (micro-)batch that the GRPO loss reads.
 *
 * @param logps [B, T] log π of the completion tokens under the policy being trained (with gradient)
 * @param oldLogps [B, T] log π_old, the sampling policy (no gradient)
 * @param refLogps [B, T] log π_ref, the frozen reference (no gradient); null when β = 0
 * @param advantages [B] one advantage per completion
 * @param mask [B, T] 1 on completion tokens, 0 on prompt and padding
 */
public record LossInputs(
        NDArray logps, NDArray oldLogps, NDArray refLogps, NDArray advantages, NDArray mask) {}
