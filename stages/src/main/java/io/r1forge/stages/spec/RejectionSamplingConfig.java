package io.r1forge.stages.spec;

/**
 * Stage 4a (paper §2.3.3): sample k completions per prompt from the reasoning-RL checkpoint, keep
 * the verified ones, filter for readability, add non-reasoning data.
 *
 * @param numPrompts prompts to sample from (paper: enough for ~600k kept reasoning samples)
 * @param samplesPerPrompt k completions per prompt
 * @param temperature sampling temperature
 * @param maxCompletionLength max new tokens per completion
 * @param maxPerPrompt keep at most this many correct completions per prompt
 * @param mixedLanguageThreshold drop a sample whose language consistency is below this (1.0 =
 *     only single-language CoT kept)
 * @param maxParagraphChars drop samples with a paragraph longer than this many characters
 * @param dropCodeBlocks drop samples containing {@code ```} code blocks
 * @param dedupe drop exact duplicate completions of one prompt
 * @param nonReasoningFraction share of non-reasoning samples in the result (paper: 200k of 800k
 *     = 0.25), counted against the prompts: {@code round(numPrompts × f / (1 − f))} examples
 * @param seed sampling seed
 * @param minReasoningExamples fewest reasoning examples the data set may hold (optional; default
 *     {@code max(1, numPrompts / 4)}): below it, reference solutions of uncovered prompts are added, each marked
 *     {@code source = reference} and counted in the result's {@code reference_fraction}. The paper has no such
 *     step; it keeps a weak or briefly trained checkpoint's data set from being empty. 0 = never.
 */
public record RejectionSamplingConfig(
        int numPrompts,
        int samplesPerPrompt,
        double temperature,
        int maxCompletionLength,
        int maxPerPrompt,
        double mixedLanguageThreshold,
        int maxParagraphChars,
        boolean dropCodeBlocks,
        boolean dedupe,
        double nonReasoningFraction,
        long seed,
        @OptionalField Integer minReasoningExamples) {

    public RejectionSamplingConfig {
        minReasoningExamples = minReasoningExamples == null ? Math.max(1, numPrompts / 4) : minReasoningExamples;
    }

    /** Without {@code min_reasoning_examples} (its default). */
    public RejectionSamplingConfig(int numPrompts, int samplesPerPrompt, double temperature, int maxCompletionLength,
            int maxPerPrompt, double mixedLanguageThreshold, int maxParagraphChars, boolean dropCodeBlocks,
            boolean dedupe, double nonReasoningFraction, long seed) {
        this(numPrompts, samplesPerPrompt, temperature, maxCompletionLength, maxPerPrompt, mixedLanguageThreshold,
                maxParagraphChars, dropCodeBlocks, dedupe, nonReasoningFraction, seed, null);
    }

    /**
     * The strict sampling of R1-Zero's readable outputs for cold-start data: one verified sample per prompt,
     * single-language, no code blocks, deduplicated, no non-reasoning data and no reference top-up (the
     * cold-start curator adds its own references, marked as such).
     */
    public RejectionSamplingConfig strict() {
        return new RejectionSamplingConfig(numPrompts, samplesPerPrompt, temperature, maxCompletionLength, 1, 1.0,
                maxParagraphChars, true, true, 0.0, seed, 0);
    }
}
