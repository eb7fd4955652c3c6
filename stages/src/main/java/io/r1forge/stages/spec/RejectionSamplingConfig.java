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
 *     = 0.25)
 * @param seed sampling seed
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
        long seed) {}
