package io.r1forge.stages.rs;

import io.r1forge.stages.generate.GenerationConfig;
import io.r1forge.stages.tasks.Problem;
import java.util.function.Function;

/**
 * How to rejection-sample.
 *
 * @param samplesPerPrompt k completions drawn per prompt
 * @param sampling temperature / top-p / length of the draws
 * @param filters the filter thresholds and per-prompt cap
 * @param nonReasoningFraction share of non-reasoning examples (see {@link NonReasoningExamples}), counted
 *     against the prompts: {@code round(prompts × f / (1 − f))}, so a checkpoint that keeps little still gets them
 * @param minReasoningExamples below this many kept reasoning samples, reference solutions are added (0 = never)
 * @param batchSize sequences generated together
 * @param template problem → prompt text (the template the source checkpoint was trained with)
 * @param outputFormat how non-reasoning answers are written (the format of the reasoning samples)
 */
public record RsSettings(
        int samplesPerPrompt,
        GenerationConfig sampling,
        FilterConfig filters,
        double nonReasoningFraction,
        int minReasoningExamples,
        int batchSize,
        Function<Problem, String> template,
        OutputFormat outputFormat) {
    public RsSettings {
        if (samplesPerPrompt < 1) {
            throw new IllegalArgumentException("samplesPerPrompt must be >= 1, was " + samplesPerPrompt);
        }
        if (!(nonReasoningFraction >= 0 && nonReasoningFraction < 1)) {
            throw new IllegalArgumentException("nonReasoningFraction must be in [0, 1), was " + nonReasoningFraction);
        }
    }
}
