package io.r1forge.stages.rs;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rejection-sampling filters as small pure functions. Each returns {@code true} when the sample must be
 * dropped; {@link #firstFailure} applies them in the order of {@link DropReason}.
 */
public final class Filters {
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n\\s*\\n");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    static final String CODE_FENCE = "```";

    private Filters() {}

    /** Accuracy must be exactly 1 (NaN = "cannot verify" is dropped too). */
    public static boolean notVerified(double accuracy) {
        return !(accuracy >= 1.0);
    }

    /** Format reward must be 1. */
    public static boolean badFormat(double format) {
        return !(format >= 1.0);
    }

    /**
     * Mixed language: consistency strictly below the threshold. {@code NaN} (no words to judge, e.g. a CoT of
     * digits and operators only) is not mixed: there is nothing of another language in it.
     */
    public static boolean mixedLanguage(double languageConsistency, double threshold) {
        return !Double.isNaN(languageConsistency) && languageConsistency < threshold;
    }

    /** Any paragraph (text between blank lines) of the chain of thought longer than {@code maxChars}, stripped. */
    public static boolean longParagraph(String reasoning, int maxChars) {
        for (String paragraph : PARAGRAPH_BREAK.split(reasoning)) {
            if (paragraph.strip().length() > maxChars) {
                return true;
            }
        }
        return false;
    }

    /** A Markdown code fence anywhere in the completion. */
    public static boolean codeBlock(String completion) {
        return completion.contains(CODE_FENCE);
    }

    /** The dedupe key: stripped, whitespace runs collapsed to one space, lower-cased (ROOT locale). */
    public static String normalise(String completion) {
        return WHITESPACE.matcher(completion.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    /** The first content filter a candidate fails (dedupe and cap depend on the other samples: see {@link Selector}). */
    public static Optional<DropReason> firstFailure(Candidate c, FilterConfig config) {
        if (notVerified(c.accuracy())) {
            return Optional.of(DropReason.NOT_VERIFIED);
        }
        if (badFormat(c.format())) {
            return Optional.of(DropReason.BAD_FORMAT);
        }
        if (mixedLanguage(c.languageConsistency(), config.minLanguageConsistency())) {
            return Optional.of(DropReason.MIXED_LANGUAGE);
        }
        if (longParagraph(c.reasoning(), config.maxParagraphChars())) {
            return Optional.of(DropReason.LONG_PARAGRAPH);
        }
        if (config.dropCodeBlocks() && codeBlock(c.completion())) {
            return Optional.of(DropReason.CODE_BLOCK);
        }
        return Optional.empty();
    }
}
