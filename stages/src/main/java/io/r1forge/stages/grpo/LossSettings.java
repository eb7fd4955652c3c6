package io.r1forge.stages.grpo;

import io.r1forge.stages.spec.LossType;

/**
 * The hyper-parameters of the GRPO loss (a projection of the GRPO config, TRL names).
 *
 * @param lossType how per-token losses are reduced
 * @param beta weight of the k3 KL penalty (0 = no reference model)
 * @param epsilon lower clip range ε
 * @param epsilonHigh upper clip range ε_high
 * @param maxCompletionLength the DR_GRPO normaliser
 */
public record LossSettings(
        LossType lossType, double beta, double epsilon, double epsilonHigh, int maxCompletionLength) {}
