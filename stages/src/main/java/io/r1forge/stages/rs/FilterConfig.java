package io.r1forge.stages.rs;

/**
 * Thresholds of the rejection-sampling filters.
 *
 * @param minLanguageConsistency drop a sample whose CoT has a smaller share of target-language words
 * @param maxParagraphChars drop a sample with a longer CoT paragraph
 * @param maxPerPrompt keep at most this many samples of one prompt
 * @param dropCodeBlocks drop samples containing a code fence
 * @param dedupe drop a completion equal (after {@link Filters#normalise}) to one already kept for its prompt
 */
public record FilterConfig(double minLanguageConsistency, int maxParagraphChars, int maxPerPrompt,
        boolean dropCodeBlocks, boolean dedupe) {
    /** All filters on. */
    public FilterConfig(double minLanguageConsistency, int maxParagraphChars, int maxPerPrompt) {
        this(minLanguageConsistency, maxParagraphChars, maxPerPrompt, true, true);
    }

    public FilterConfig {
        if (!(minLanguageConsistency >= 0 && minLanguageConsistency <= 1)) {
            throw new IllegalArgumentException("minLanguageConsistency must be in [0, 1], was " + minLanguageConsistency);
        }
        if (maxParagraphChars < 1 || maxPerPrompt < 1) {
            throw new IllegalArgumentException("maxParagraphChars and maxPerPrompt must be >= 1");
        }
    }
}
