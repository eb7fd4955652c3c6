package io.r1forge.stages.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.r1forge.stages.tasks.Problem;
import io.r1forge.stages.tasks.Templates;

/**
 * The prompt template every stage renders problems with (spec key {@code template}; YAML {@code r1_zero},
 * {@code r1_zero_short}). A run uses one template throughout: GRPO prompts, evaluation, rejection sampling,
 * cold-start and SFT data, the distillation student's GRPO control.
 *
 * <p>Why a short form exists: the tiny world's tokenizer is character-level, so Table 1's ~420 characters become
 * ~430 prompt tokens — every GRPO step, evaluation and sample then pays for them (a 16 × 8 GRPO step took 90–100 s
 * instead of 3–6 s). A real BPE tokenizer makes Table 1 about 100 tokens, where the paper's template costs little.
 * The tiny corpus writes only the last line on most documents, so the tiny base knows both forms.
 */
public enum TemplateKind {
    /** Table 1 of the paper, verbatim ({@link Templates#R1_ZERO}): the default. */
    @JsonProperty("r1_zero")
    R1_ZERO,
    /** Table 1's last line only: {@code "User: {prompt}. Assistant:"} ({@link Templates#R1_ZERO_SHORT}). */
    @JsonProperty("r1_zero_short")
    R1_ZERO_SHORT;

    /** The prompt text of {@code problem} under this template. */
    public String render(Problem problem) {
        return this == R1_ZERO ? Templates.r1Zero(problem) : Templates.r1ZeroShort(problem);
    }
}
