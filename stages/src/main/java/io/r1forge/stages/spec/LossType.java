package io.r1forge.stages.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How per-token GRPO losses are aggregated, as TRL's {@code loss_type} (YAML: {@code grpo}, {@code
 * dapo}, {@code dr_grpo}).
 */
public enum LossType {
    /** Paper / original GRPO: mean over each sequence's tokens, then mean over sequences. */
    @JsonProperty("grpo")
    GRPO,
    /** DAPO: sum over all tokens of the batch divided by the number of tokens (TRL's default). */
    @JsonProperty("dapo")
    DAPO,
    /** Dr. GRPO: sum over tokens divided by batch size × max completion length (no length bias). */
    @JsonProperty("dr_grpo")
    DR_GRPO
}
