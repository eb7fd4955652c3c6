package io.r1forge.stages.grpo;

import ai.djl.ndarray.NDArray;

/**
 * A GRPO loss and what was measured while computing it.
 *
 * @param loss scalar, to back-propagate
 * @param clipFraction share of completion tokens whose clipped branch was active
 * @param klMean mean k3 KL(π ‖ π_ref) over completion tokens (0 when β = 0)
 * @param tokens number of completion tokens the metrics average over (to combine micro-batches)
 */
public record LossAndMetrics(NDArray loss, double clipFraction, double klMean, double tokens) {}
