package io.r1forge.stages.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeneratorsTest {

    @Test
    void arithmeticMatchesTinyWorldAndIsConsistent() {
        ArithmeticGenerator g = new ArithmeticGenerator(ArithmeticConfig.tiny());
        Random r = new Random(1);
        for (int i = 0; i < 2000; i++) {
            Problem p = g.generate(r, i % 2 == 0 ? Language.EN : Language.ZH, "a" + i);
            @SuppressWarnings("unchecked")
            List<Integer> operands = (List<Integer>) p.meta().get("operands");
            @SuppressWarnings("unchecked")
            List<String> ops = (List<String>) p.meta().get("ops");
            assertTrue(operands.size() >= 2 && operands.size() <= 4, p.prompt());
            long total = operands.get(0);
            for (int k = 1; k < operands.size(); k++) {
                assertTrue(operands.get(k) >= 0 && operands.get(k) <= 9);
                total += ops.get(k - 1).equals("+") ? operands.get(k) : -operands.get(k);
                assertTrue(total >= 0, "running total went negative: " + p.prompt());
            }
            assertEquals(Long.toString(total), p.answer(), p.prompt());
        }
    }

    @Test
    void promptsInBothLanguages() {
        Problem en = new ArithmeticGenerator(ArithmeticConfig.tiny()).generate(new Random(7), Language.EN, "x");
        Problem zh = new ArithmeticGenerator(ArithmeticConfig.tiny()).generate(new Random(7), Language.ZH, "x");
        assertTrue(en.prompt().matches("What is \\d( [-+] \\d)+\\?"), en.prompt());
        assertTrue(zh.prompt().matches("计算 \\d( [加减] \\d)+ 等于多少\\?"), zh.prompt());
        assertEquals(en.key(), zh.key());
        assertEquals(en.answer(), zh.answer());
    }

    @Test
    void multiplicationFollowsPrecedence() {
        ArithmeticGenerator g = new ArithmeticGenerator(new ArithmeticConfig(3, 3, 1, "*+", true));
        Random r = new Random(3);
        for (int i = 0; i < 200; i++) {
            Problem p = g.generate(r, Language.EN, "m");
            String expr = p.prompt().substring("What is ".length(), p.prompt().length() - 1);
            assertEquals(Long.toString(Expression.parse(expr).orElseThrow().value()), p.answer());
        }
    }

    @Test
    void countdownReferenceAnswerReachesTargetWithGivenNumbers() {
        CountdownGenerator g = CountdownGenerator.tiny();
        Random r = new Random(5);
        for (int i = 0; i < 500; i++) {
            Problem p = g.generate(r, Language.EN, "c");
            Expression e = Expression.parse(p.answer()).orElseThrow();
            assertEquals(((Number) p.meta().get("target")).longValue(), e.value(), p.answer());
            List<Long> left = new java.util.ArrayList<>(
                    ((List<?>) p.meta().get("numbers")).stream().map(x -> ((Number) x).longValue()).toList());
            for (Long n : e.numbers()) {
                assertTrue(left.remove(n), "number " + n + " not available in " + p.prompt());
            }
        }
    }

    @Test
    void compareAnswerIsExtremeOfNumbers() {
        Random r = new Random(9);
        for (int i = 0; i < 300; i++) {
            Problem p = CompareGenerator.tiny().generate(r, Language.ZH, "k");
            List<?> nums = (List<?>) p.meta().get("numbers");
            int max = nums.stream().mapToInt(x -> (Integer) x).max().orElseThrow();
            int min = nums.stream().mapToInt(x -> (Integer) x).min().orElseThrow();
            boolean largest = (Boolean) p.meta().get("largest");
            assertEquals(Integer.toString(largest ? max : min), p.answer());
            assertTrue(p.prompt().contains(largest ? "最大" : "最小"));
        }
    }

    @Test
    void languageRatioIsHonoured() {
        TaskMix mix = new TaskMix(Families.GENERATED, 0.3, ArithmeticConfig.tiny(),
                CountdownGenerator.tiny(), CompareGenerator.tiny());
        List<Problem> ps = ProblemSplits.sample(mix, 4000, 11, Set.of());
        double zh = ps.stream().filter(p -> p.language() == Language.ZH).count() / 4000.0;
        assertEquals(0.3, zh, 0.03);
        Set<String> fams = new HashSet<>();
        ps.forEach(p -> fams.add(p.family()));
        assertEquals(Set.copyOf(Families.GENERATED), fams);
    }

    @Test
    void sameSeedSameProblemsOtherSeedOthers() {
        TaskMix mix = TaskMix.tinyArithmetic();
        assertEquals(ProblemSplits.sample(mix, 50, 1, Set.of()), ProblemSplits.sample(mix, 50, 1, Set.of()));
        assertNotEquals(ProblemSplits.sample(mix, 50, 1, Set.of()), ProblemSplits.sample(mix, 50, 2, Set.of()));
    }

    @Test
    void heldOutSplitSharesNoKeyWithTrain() {
        ProblemSplits s = ProblemSplits.generate(TaskMix.tinyArithmetic(), 5000, 500, 1, 2);
        assertEquals(5000, s.train().size());
        assertEquals(500, s.eval().size());
        Set<String> evalKeys = new HashSet<>();
        Set<String> evalPrompts = new HashSet<>();
        s.eval().forEach(p -> {
            evalKeys.add(p.key());
            evalPrompts.add(p.prompt());
        });
        assertEquals(500, evalKeys.size(), "eval problems are distinct");
        for (Problem p : s.train()) {
            assertFalse(evalKeys.contains(p.key()), p.key());
            assertFalse(evalPrompts.contains(p.prompt()), p.prompt());
        }
        assertTrue(s.eval().get(0).id().startsWith("arithmetic-eval-"));
    }

    @Test
    void tooSmallProblemSpaceIsReported() {
        TaskMix two = new TaskMix(List.of(Families.ARITHMETIC), 0, new ArithmeticConfig(2, 2, 1, "+", false),
                CountdownGenerator.tiny(), CompareGenerator.tiny());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ProblemSplits.generate(two, 10, 200, 1, 2));
        assertTrue(e.getMessage().contains("problem space too small"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ProblemSplits.generate(two, 1, 1, 3, 3));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1 + 2 * 3|7", "(7 - 3) * 5 + 2|22", "-3 + 5|2", "2 × 3|6", " 4 |4", "((1))|1"})
    void expressionEvaluates(String text, long value) {
        assertEquals(value, Expression.parse(text).orElseThrow().value());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1 +|", "2 ** 3|", "(1 + 2|", "1 / 2|", "abs(3)|", "99999999999999999999|",
        "9999999999 * 9999999999|"})
    void expressionRejects(String text) {
        assertTrue(Expression.parse(text).isEmpty(), text);
    }

    @Test
    void boxedHandlesNestedBraces() {
        assertEquals("\\frac{1}{2}", Boxed.last("x \\boxed{3} then \\boxed{\\frac{1}{2}}.").orElseThrow());
        assertEquals("3", Boxed.last("\\boxed{3} \\boxed{unclosed").orElseThrow());
        assertTrue(Boxed.last("no box").isEmpty());
    }
}
