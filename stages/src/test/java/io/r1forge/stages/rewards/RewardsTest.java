package io.r1forge.stages.rewards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.r1forge.stages.tasks.Families;
import io.r1forge.stages.tasks.Language;
import io.r1forge.stages.tasks.Problem;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RewardsTest {
    static final Problem EN = new Problem("a", Families.ARITHMETIC, Language.EN, "What is 9 + 8?", "17", Map.of());
    static final Problem ZH = new Problem("z", Families.ARITHMETIC, Language.ZH, "计算 9 加 8 等于多少?", "17", Map.of());
    static final Problem HALF = new Problem("h", Families.DATASET, Language.EN, "1 - 1/2?", "1/2", Map.of());
    static final Problem THOUSAND = new Problem("t", Families.DATASET, Language.EN, "10*100?", "1000", Map.of());
    static final Problem ZERO = new Problem("0", Families.DATASET, Language.EN, "1-1?", "0", Map.of());
    static final Problem COUNTDOWN = new Problem("c", Families.COUNTDOWN, Language.EN,
            "Using the numbers 3, 5, 7, make 22.", "3 * 5 + 7", Map.of("numbers", List.of(3, 5, 7), "target", 22));

    static Stream<Arguments> accuracy() {
        return Stream.of(
                Arguments.of(EN, " <think> 9 plus 8 is 17 </think> <answer> 17 </answer>", 1.0),
                Arguments.of(EN, "<think> 9 plus 8 is 17 </think> <answer> 16 </answer>", 0.0),
                Arguments.of(EN, "<think> 9 plus 8 is 17 </think>", 0.0),
                Arguments.of(EN, "<think> 17 </think> <answer> </answer>", 0.0),
                Arguments.of(EN, "<think> 17 17 17 </think> <answer> 16 </answer>", 0.0),
                Arguments.of(EN, "<answer> 3 </answer> <answer> 17 </answer>", 1.0),
                Arguments.of(EN, "the answer is \\boxed{17}", 1.0),
                Arguments.of(EN, "<think> x </think> <answer> \\boxed{17} </answer>", 1.0),
                Arguments.of(EN, "<think> x </think> <answer> 17. </answer>", 1.0),
                Arguments.of(EN, "<think> x </think> <answer> 17 </answer><|endoftext|>", 1.0),
                Arguments.of(EN, "|special_token| 9 plus 8 is 17 |special_token| 17", 1.0),
                Arguments.of(HALF, "<answer>0.5</answer>", 1.0),
                Arguments.of(HALF, "<answer>\\frac{1}{2}</answer>", 1.0),
                Arguments.of(HALF, "<answer>0.50</answer>", 1.0),
                Arguments.of(HALF, "<answer>0.51</answer>", 0.0),
                Arguments.of(THOUSAND, "<answer> 1,000 </answer>", 1.0),
                Arguments.of(THOUSAND, "<answer> $1000$ </answer>", 1.0),
                Arguments.of(THOUSAND, "<answer> 1e3 </answer>", 1.0),
                Arguments.of(ZERO, "<answer>-0</answer>", 1.0),
                Arguments.of(ZERO, "<answer>zero</answer>", 0.0),
                Arguments.of(COUNTDOWN, "<answer> 3 * 5 + 7 </answer>", 1.0),
                Arguments.of(COUNTDOWN, "<answer> 7 + 5 * 3 = 22 </answer>", 1.0),
                Arguments.of(COUNTDOWN, "<answer> (7 - 3) * 5 + 2 </answer>", 0.0),
                Arguments.of(COUNTDOWN, "<answer> 7 * 3 + 1 = 22 </answer>", 0.0),
                Arguments.of(COUNTDOWN, "<answer> 3 * 7 + 5 - 5 + 1 </answer>", 0.0),
                Arguments.of(COUNTDOWN, "<answer> 22 </answer>", 0.0),
                Arguments.of(COUNTDOWN, "<answer> 3 * 5 + 7 = 23 </answer>", 0.0),
                Arguments.of(COUNTDOWN, "<answer> System.exit(0) </answer>", 0.0));
    }

    @ParameterizedTest
    @MethodSource
    void accuracy(Problem p, String completion, double expected) {
        assertEquals(expected, new AccuracyReward().score(new RewardInput(p, completion)), completion);
    }

    static Stream<Arguments> format() {
        return Stream.of(
                Arguments.of(" <think> 9 plus 8 is 17 </think> <answer> 17 </answer>", 1.0),
                Arguments.of("<think>x</think><answer>17</answer>\n<|endoftext|>", 1.0),
                Arguments.of("\n<think>\nx\n</think>\n\n<answer>17</answer>\n", 1.0),
                Arguments.of("<think></think><answer>17</answer>", 1.0),
                Arguments.of("|special_token| x |special_token| 17", 1.0),
                Arguments.of("<think> a <think> b </think> </think> <answer> 17 </answer>", 0.0),
                Arguments.of("<think> a </think> <think> b </think> <answer> 17 </answer>", 0.0),
                Arguments.of("<think> a </think> <answer> 17 </answer> <answer> 17 </answer>", 0.0),
                Arguments.of("<think> a </think> <answer> <answer> 17 </answer> </answer>", 0.0),
                Arguments.of("<think> a </think> <answer> 17 </answer> so 17", 0.0),
                Arguments.of("9 plus 8 is 17 </think> <answer> 17 </answer>", 0.0),
                Arguments.of("<think> a </think> <answer>   </answer>", 0.0),
                Arguments.of("<think> a </think> text <answer> 17 </answer>", 0.0),
                Arguments.of("<answer> 17 </answer>", 0.0),
                Arguments.of("|special_token| x", 0.0));
    }

    @ParameterizedTest
    @MethodSource
    void format(String completion, double expected) {
        assertEquals(expected, new FormatReward().score(new RewardInput(EN, completion)), completion);
    }

    static Stream<Arguments> language() {
        return Stream.of(
                Arguments.of(ZH, "<think> 9 加 8 得 17 </think> <answer> 17 </answer>", 1.0),
                Arguments.of(EN, "<think> 9 plus 8 is 17 </think> <answer> 17 </answer>", 1.0),
                Arguments.of(ZH, "<think> 9 plus 8 is 17 </think> <answer> 17 </answer>", 0.0),
                Arguments.of(EN, "<think> 9 加 8 得 17, then 17 minus 0 </think>", 0.5),
                Arguments.of(EN, "<think> abc中文 </think>", 1.0 / 3),
                Arguments.of(ZH, "<think> abc中文 </think>", 2.0 / 3),
                Arguments.of(EN, "<think> 9 + 8 = 17 </think> <answer> 17 </answer>", Double.NaN),
                Arguments.of(EN, "9 plus 8 is 17 <answer> 17 </answer>", Double.NaN),
                Arguments.of(EN, "<think> plus plus <answer> 加 </answer>", 1.0),
                Arguments.of(ZH, "|special_token| 9 加 8 得 17 |special_token| 17", 1.0));
    }

    @ParameterizedTest
    @MethodSource
    void language(Problem p, String completion, double expected) {
        assertEquals(expected, new LanguageConsistencyReward().score(new RewardInput(p, completion)), 1e-12, completion);
    }

    static Stream<Arguments> length() {
        return Stream.of(Arguments.of(700, 0.0), Arguments.of(800, 0.0), Arguments.of(900, -0.5),
                Arguments.of(1000, -1.0), Arguments.of(5000, -1.0));
    }

    @ParameterizedTest
    @MethodSource
    void length(int chars, double expected) {
        String completion = "x".repeat(chars);
        assertEquals(expected, new LengthPenalty(1000, 200).score(new RewardInput(EN, completion)), 1e-12);
    }

    static Stream<Arguments> repetition() {
        return Stream.of(
                Arguments.of(2, "a b a b a b", -0.6),
                Arguments.of(3, "9 plus 8 is 17", 0.0),
                Arguments.of(3, "one", 0.0),
                Arguments.of(1, "加 加 加 加", -0.75),
                Arguments.of(3, "wait wait wait wait wait wait", -(1 - 1.0 / 4)));
    }

    @ParameterizedTest
    @MethodSource
    void repetition(int n, String completion, double expected) {
        assertEquals(expected, new RepetitionPenalty(n).score(new RewardInput(EN, completion)), 1e-12);
    }

    static Stream<Arguments> selfCheck() {
        return Stream.of(
                Arguments.of("17 minus 9 is 8. wait, let me check: 17 minus 9 is 8", 1),
                Arguments.of("Let me check the sum. Then verify it.", 2),
                Arguments.of("等一下, 检查: 17 减 9 得 8", 1),
                Arguments.of("验证一下", 1),
                Arguments.of("check: 3 + 4 = 7", 1),
                Arguments.of("9 plus 8 is 17", 0),
                Arguments.of("the checkout awaits", 0));
    }

    @ParameterizedTest
    @MethodSource
    void selfCheck(String text, int count) {
        assertEquals(count, SelfCheck.count(text), text);
        assertEquals(count > 0, SelfCheck.detect(text), text);
    }

    @ParameterizedTest
    @MethodSource("accuracy")
    void rewardsAreDeterministicAndBounded(Problem p, String completion, double ignored) {
        for (String name : RewardRegistry.names()) {
            Reward r = RewardRegistry.create(name);
            double v = r.score(new RewardInput(p, completion));
            assertTrue(Double.isNaN(v) || (v >= -1 && v <= 1), name + " = " + v);
            assertEquals(v, r.score(new RewardInput(p, completion)), 0.0);
        }
    }
}
