package io.r1forge.stages.tasks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Countdown, as in TinyZero: "Using the numbers 3, 5, 7, make 22. Use + - * and each number at
 * most once." The target is built from a random expression over a random subset of the numbers
 * (so every problem is solvable); that expression, e.g. {@code "(7 - 3) * 5"}, is the
 * reference {@link Problem#answer()}, but any expression using the numbers at most once and
 * reaching the target is correct.
 *
 * <p>{@code meta}: {@code numbers} (List of Integer), {@code target} (Integer), {@code key} e.g.
 * {@code "countdown:3,5,7->22"} (numbers sorted).
 *
 * @param minNumbers at least 2
 * @param maxNumbers at least {@code minNumbers}
 * @param maxNumber numbers are drawn from 1..maxNumber
 * @param maxTarget targets lie in 1..maxTarget
 */
public record CountdownGenerator(int minNumbers, int maxNumbers, int maxNumber, int maxTarget)
        implements ProblemGenerator {
    private static final String OPS = "+-*";

    public CountdownGenerator {
        if (minNumbers < 2 || maxNumbers < minNumbers || maxNumber < 1 || maxTarget < 1) {
            throw new IllegalArgumentException("countdown: need 2 <= minNumbers <= maxNumbers, maxNumber >= 1, maxTarget >= 1");
        }
    }

    /** Tiny world sized: 3–4 numbers in 1..9, targets in 1..50. */
    public static CountdownGenerator tiny() {
        return new CountdownGenerator(3, 4, 9, 50);
    }

    @Override
    public String family() {
        return Families.COUNTDOWN;
    }

    @Override
    public Problem generate(Random random, Language language, String id) {
        while (true) {
            int n = minNumbers + random.nextInt(maxNumbers - minNumbers + 1);
            List<Integer> numbers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                numbers.add(1 + random.nextInt(maxNumber));
            }
            List<Integer> order = new ArrayList<>(numbers);
            Collections.shuffle(order, random);
            int used = 2 + random.nextInt(n - 1);
            String expr = String.valueOf(order.get(0));
            for (int i = 1; i < used; i++) {
                char op = OPS.charAt(random.nextInt(OPS.length()));
                String left = op == '*' && i > 1 ? "(" + expr + ")" : expr;
                expr = left + " " + op + " " + order.get(i);
            }
            long target = Expression.parse(expr).orElseThrow().value();
            if (target >= 1 && target <= maxTarget) {
                return problem(language, id, numbers, (int) target, expr);
            }
        }
    }

    private Problem problem(Language language, String id, List<Integer> numbers, int target, String expr) {
        String list = String.join(", ", numbers.stream().map(String::valueOf).toList());
        String prompt = language == Language.EN
                ? "Using the numbers " + list + ", make " + target + ". Use + - * and each number at most once."
                : "用数字 " + list + " 算出 " + target + ", 可以用 + - * , 每个数字最多用一次.";
        List<Integer> sorted = numbers.stream().sorted().toList();
        String key = family() + ":" + String.join(",", sorted.stream().map(String::valueOf).toList()) + "->" + target;
        Map<String, Object> meta = Map.of("numbers", List.copyOf(numbers), "target", target, "key", key);
        return new Problem(id, family(), language, prompt, expr, meta);
    }
}
