package io.r1forge.stages.spec;

/**
 * Stage 5 (paper §2.4): SFT of a smaller student on stage 4a's data, no RL.
 *
 * @param student the student model: a model preset ({@code tiny}, {@code small}) initialised from
 *     scratch, {@code builtin:tiny-base}, or a local Hugging Face directory / {@code s3://} reference
 * @param sft the SFT settings (paper: the distilled models are trained as in stage 4b)
 */
public record DistillConfig(String student, SftConfig sft) {}
