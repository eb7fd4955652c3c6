package io.r1forge.stages.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EvalMathTest {
    private static SampleScore s(String answer, double acc) {
        return new SampleScore(answer, acc, 1.0, Double.NaN, 10, false);
    }

    private static SampleScore full(String answer, double acc, double format, double lang, int len, boolean check) {
        return new SampleScore(answer, acc, format, lang, len, check);
    }

    @Test
    void passAt1AveragesSamplesThenProblems() {
        // problem A: 1 of 4 correct (0.25); problem B: 2 of 2 correct (1.0) -> (0.25 + 1.0) / 2
        var a = List.of(s("7", 1), s("8", 0), s("9", 0), s(null, 0));
        var b = List.of(s("3", 1), s("3", 1));
        assertEquals(0.625, EvalMath.passAt1(List.of(a, b)), 1e-12);
    }

    @Test
    void passAt1CountsNotScorableAsWrong() {
        assertEquals(0.5, EvalMath.passAt1(List.of(List.of(s("1", 1), s("2", Double.NaN)))), 1e-12);
    }

    @Test
    void consAtKTakesTheMajorityAnswer() {
        // majority "8" (wrong) beats the single correct "7": pass@1 0.25 but cons@k 0
        var wrongMajority = List.of(s("7", 1), s("8", 0), s("8", 0), s("9", 0));
        // correct majority with some misses: cons@k 1 although pass@1 is only 0.6
        var rightMajority = List.of(s("5", 1), s("4", 0), s("5", 1), s("6", 0), s("5", 1));
        assertEquals(0.0, EvalMath.consAtK(List.of(wrongMajority)), 1e-12);
        assertEquals(1.0, EvalMath.consAtK(List.of(rightMajority)), 1e-12);
        assertEquals(0.5, EvalMath.consAtK(List.of(wrongMajority, rightMajority)), 1e-12);
    }

    @Test
    void missingAnswersDoNotVote() {
        // two samples without an answer would out-vote "3" if they voted as one bucket
        var samples = List.of(s(null, 0), s(null, 0), s("3", 1));
        assertEquals(Optional.of(2), EvalMath.majorityIndex(samples));
        assertEquals(1.0, EvalMath.consAtK(List.of(samples)), 1e-12);
        assertEquals(0.0, EvalMath.consAtK(List.of(List.of(s(null, 0)))), 1e-12);
    }

    @Test
    void tiesAreBrokenByFirstOccurrence() {
        // "9" and "4" both have two votes; "9" first appears at index 0
        var nineFirst = List.of(s("9", 0), s("4", 1), s("4", 1), s("9", 0));
        assertEquals(Optional.of(0), EvalMath.majorityIndex(nineFirst));
        assertEquals(0.0, EvalMath.consAtK(List.of(nineFirst)), 1e-12);
        var fourFirst = List.of(s("4", 1), s("9", 0), s("4", 1), s("9", 0));
        assertEquals(Optional.of(0), EvalMath.majorityIndex(fourFirst));
        assertEquals(1.0, EvalMath.consAtK(List.of(fourFirst)), 1e-12);
    }

    @Test
    void unbiasedPassAtK() {
        // n=4, c=1, k=2: 1 - C(3,2)/C(4,2) = 1 - 3/6
        assertEquals(0.5, EvalMath.passAtK(4, 1, 2), 1e-12);
        assertEquals(0.25, EvalMath.passAtK(4, 1, 1), 1e-12);
        assertEquals(1.0, EvalMath.passAtK(4, 3, 2), 1e-12);
        assertEquals(0.0, EvalMath.passAtK(5, 0, 3), 1e-12);
    }

    @Test
    void otherRatesSkipNaNWhereDocumented() {
        var p = List.of(
                full("1", 1, 1, 1.0, 10, true),
                full("1", 1, 0, Double.NaN, 20, false),
                full("2", 0, 1, 0.5, 30, false));
        var q = List.of(full("3", 1, 1, 0.0, 40, true));
        var all = List.of(p, q);
        assertEquals((2.0 / 3 + 1) / 2, EvalMath.formatRate(all), 1e-12);
        assertEquals(0.5, EvalMath.languageConsistency(all), 1e-12); // (1 + 0.5 + 0) / 3
        assertEquals(25.0, EvalMath.meanLength(all), 1e-12);
        assertEquals(0.5, EvalMath.selfCheckRate(all), 1e-12);
        assertTrue(Double.isNaN(EvalMath.languageConsistency(List.of(List.of(full("1", 1, 1, Double.NaN, 1, false))))));
    }

    @Test
    void reportRoundTripsThroughJsonWithNaN() {
        var r = new EvalReport("ckpt", 10, 4, 1.0, 0.5, 0.6, 0.7, 0.9, Double.NaN, 42.5, 0.1, 7L, 3.2);
        var back = EvalReport.fromJson(r.toJson());
        assertEquals(r, back);
        assertTrue(r.toMarkdown().contains("| 0.500 | 0.600 | 0.700 | 0.900 | – | 42.5 | 0.100 |"), r.toMarkdown());
    }
}
