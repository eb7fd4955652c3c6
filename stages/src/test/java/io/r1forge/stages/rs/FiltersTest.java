package io.r1forge.stages.rs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FiltersTest {
    private static final FilterConfig CONFIG = new FilterConfig(0.9, 40, 2);

    @ParameterizedTest
    @CsvSource({"1.0,false", "0.0,true", "0.999,true", "NaN,true"})
    void notVerified(double accuracy, boolean dropped) {
        assertEquals(dropped, Filters.notVerified(accuracy));
    }

    @ParameterizedTest
    @CsvSource({"1.0,0.9,false", "0.9,0.9,false", "0.89,0.9,true", "0.0,0.5,true", "NaN,0.9,false"})
    void mixedLanguage(double consistency, double threshold, boolean dropped) {
        assertEquals(dropped, Filters.mixedLanguage(consistency, threshold));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "short one|10|false",
        "exactly ten|11|false",
        "eleven char|10|true",
        "abc\\n\\ndefgh|5|false",
        "abc\\n  \\nabcdefgh|5|true",
        "abcdef ghij|10|true",
        "  padded   |6|false"})
    void longParagraph(String reasoning, int max, boolean dropped) {
        assertEquals(dropped, Filters.longParagraph(reasoning.replace("\\n", "\n"), max));
    }

    @Test
    void longParagraphSingleNewlineDoesNotSplit() {
        assertEquals(true, Filters.longParagraph("abcd\nefgh", 8));
        assertEquals(false, Filters.longParagraph("abcd\n\nefgh", 8));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"plain text|false", "see ```x = 1``` here|true", "two `` ticks|false"})
    void codeBlock(String text, boolean dropped) {
        assertEquals(dropped, Filters.codeBlock(text));
    }

    @Test
    void normaliseCollapsesWhitespaceAndCase() {
        assertEquals("a b c", Filters.normalise("  A\n b\t\tC  "));
    }

    private static Candidate c(String prompt, int i, String text, double acc, double fmt, double lang) {
        return new Candidate(prompt, i, text, text, acc, fmt, lang);
    }

    @Test
    void firstFailureFollowsTheDocumentedOrder() {
        assertEquals(Optional.of(DropReason.NOT_VERIFIED), Filters.firstFailure(c("p", 0, "```", 0, 0, 0), CONFIG));
        assertEquals(Optional.of(DropReason.BAD_FORMAT), Filters.firstFailure(c("p", 0, "```", 1, 0, 0), CONFIG));
        assertEquals(Optional.of(DropReason.MIXED_LANGUAGE), Filters.firstFailure(c("p", 0, "```", 1, 1, 0.5), CONFIG));
        assertEquals(Optional.of(DropReason.LONG_PARAGRAPH),
                Filters.firstFailure(c("p", 0, "x".repeat(41) + "```", 1, 1, 1), CONFIG));
        assertEquals(Optional.of(DropReason.CODE_BLOCK), Filters.firstFailure(c("p", 0, "```", 1, 1, 1), CONFIG));
        assertEquals(Optional.empty(), Filters.firstFailure(c("p", 0, "fine", 1, 1, 1), CONFIG));
    }

    @Test
    void selectorDedupesWithinPromptAndCaps() {
        var verdicts = Selector.select(List.of(
                c("p", 0, "3 plus 5 is 8", 1, 1, 1),
                c("p", 1, "3  PLUS 5 is 8 ", 1, 1, 1), // duplicate after normalisation
                c("q", 0, "3 plus 5 is 8", 1, 1, 1), // same text, other prompt: kept
                c("p", 2, "wrong", 0, 1, 1),
                c("p", 3, "5 plus 3 is 8", 1, 1, 1),
                c("p", 4, "8 is 3 plus 5", 1, 1, 1)), // third distinct for p: over the cap of 2
                CONFIG);
        List<Optional<DropReason>> reasons = verdicts.stream().map(Selector.Verdict::dropped).toList();
        assertEquals(List.of(Optional.empty(), Optional.of(DropReason.DUPLICATE), Optional.empty(),
                Optional.of(DropReason.NOT_VERIFIED), Optional.empty(), Optional.of(DropReason.OVER_CAP)), reasons);
    }

    @Test
    void nonReasoningExamplesAreReproducibleAndDirect() {
        var a = NonReasoningExamples.generate(20, 5);
        assertEquals(a, NonReasoningExamples.generate(20, 5));
        for (var e : a) {
            if (e.question().startsWith("Write") || e.question().startsWith("把")) {
                int v = Integer.parseInt(e.answer());
                assertEquals(true, v >= 0 && v <= 10, e.toString());
            } else {
                assertEquals(true, e.question().endsWith(e.answer()), e.toString());
            }
        }
    }
}
