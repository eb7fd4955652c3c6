package io.r1forge.stages.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Multi-step arithmetic: "What is 3 + 5 - 2?" / "计算 3 加 5 减 2 等于多少?", answer "6". The value
 * follows the usual precedence ({@code *} before {@code + -}); with only {@code + -} that is left
 * to right, the order in which the pre-training corpus writes its steps.
 *
 * <p>{@code meta}: {@code operands} (List of Integer), {@code ops} (List of String), {@code key}
 * e.g. {@code "arithmetic:3+5-2"}.
 */
public final class ArithmeticGenerator implements ProblemGenerator {
    private final ArithmeticConfig config;

    public ArithmeticGenerator(ArithmeticConfig config) {
        this.config = config;
    }

    @Override
    public String family() {
        return Families.ARITHMETIC;
    }

    @Override
    public Problem generate(Random random, Language language, String id) {
        int bound = (int) Math.pow(10, config.digits());
        while (true) {
            int n = config.minOperands() + random.nextInt(config.maxOperands() - config.minOperands() + 1);
            List<Integer> operands = new ArrayList<>();
            List<String> ops = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                operands.add(random.nextInt(bound));
                if (i > 0) {
                    ops.add(String.valueOf(config.ops().charAt(random.nextInt(config.ops().length()))));
                }
            }
            String expr = symbolic(operands, ops);
            long value = Expression.parse(expr).orElseThrow().value();
            if (config.allowNegative() || (value >= 0 && runningTotalsNonNegative(operands, ops))) {
                Map<String, Object> meta = Map.of(
                        "operands", List.copyOf(operands), "ops", List.copyOf(ops),
                        "key", family() + ":" + expr.replace(" ", ""));
                return new Problem(id, family(), language, prompt(language, operands, ops),
                        Long.toString(value), meta);
            }
        }
    }

    /** "3 + 5 - 2". */
    static String symbolic(List<Integer> operands, List<String> ops) {
        StringBuilder sb = new StringBuilder().append(operands.get(0));
        for (int i = 1; i < operands.size(); i++) {
            sb.append(' ').append(ops.get(i - 1)).append(' ').append(operands.get(i));
        }
        return sb.toString();
    }

    private static String prompt(Language language, List<Integer> operands, List<String> ops) {
        if (language == Language.EN) {
            return "What is " + symbolic(operands, ops) + "?";
        }
        StringBuilder sb = new StringBuilder("计算 ").append(operands.get(0));
        for (int i = 1; i < operands.size(); i++) {
            sb.append(' ').append(Words.op(Language.ZH, ops.get(i - 1))).append(' ').append(operands.get(i));
        }
        return sb.append(" 等于多少?").toString();
    }

    private static boolean runningTotalsNonNegative(List<Integer> operands, List<String> ops) {
        if (ops.contains("*")) {
            return true;
        }
        long total = operands.get(0);
        for (int i = 1; i < operands.size(); i++) {
            total += ops.get(i - 1).equals("+") ? operands.get(i) : -operands.get(i);
            if (total < 0) {
                return false;
            }
        }
        return true;
    }
}
