package io.r1forge.stages.spec;

/**
 * Stage 5 (paper §2.4): SFT of a smaller student on stage 4a's data, no RL; compared with the same student trained
 * by GRPO directly for as many steps (paper Table 6).
 *
 * @param student the student: a model preset ({@code student}, {@code tiny}, {@code small}) pre-trained on the
 *     run's corpus as its own cached base (as the paper's students are pre-trained Qwen bases), {@code builtin:…}
 *     (a built base as is), or a local Hugging Face directory / {@code s3://} reference
 * @param sft the SFT settings (paper: the distilled models are trained as in stage 4b)
 * @param pretrainSteps optional: pre-training steps of a preset student (default: {@code pretrain.steps})
 */
public record DistillConfig(String student, SftConfig sft, @OptionalField Integer pretrainSteps) {
    /** A student with the default pre-training steps. */
    public DistillConfig(String student, SftConfig sft) {
        this(student, sft, null);
    }
}
