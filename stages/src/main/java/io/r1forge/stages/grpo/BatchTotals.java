package io.r1forge.stages.grpo;

import ai.djl.ndarray.NDArray;

/**
 * Normalisers of a whole optimisation batch, so that micro-batch losses add up to the full-batch loss.
 *
 * @param sequences number of completions B in the batch
 * @param tokens number of completion tokens in the batch (sum of the mask)
 */
public record BatchTotals(long sequences, double tokens) {
    /** The totals of a batch given by its completion mask [B, T]. */
    public static BatchTotals of(NDArray mask) {
        return new BatchTotals(mask.getShape().get(0), mask.sum().getFloat());
    }
}
