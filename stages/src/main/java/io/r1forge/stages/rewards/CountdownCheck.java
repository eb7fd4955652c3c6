package io.r1forge.stages.rewards;

import io.r1forge.stages.tasks.Expression;
import io.r1forge.stages.tasks.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verifies a countdown answer by evaluating it with {@link Expression} (a tiny parser, no script
 * engine). Accepted: an expression of integers, {@code + - *} and parentheses, optionally followed
 * by {@code "= <target>"}, that uses only the given numbers, each at most as often as given, and
 * equals the target.
 *
 * <p>Example: numbers [3, 5, 7], target 22: {@code "(7 - 3) * 5 + 2"} → 0 (2 not given), {@code
 * "3 * 5 + 7"} → 1, {@code "7 * 3 + 1 = 22"} → 0, {@code "3 * 7 + 5 - 5"} → 0 (5 used twice).
 */
public final class CountdownCheck {
    private CountdownCheck() {}

    /** 1.0 if correct, 0.0 if not, NaN if the problem lacks {@code numbers}/{@code target} meta. */
    public static double check(Problem problem, String answer) {
        Optional<List<Long>> numbers = longs(problem.meta().get("numbers"));
        Object target = problem.meta().get("target");
        if (numbers.isEmpty() || !(target instanceof Number t)) {
            return Double.NaN;
        }
        String expr = answer;
        int eq = answer.indexOf('=');
        if (eq >= 0) {
            String rhs = answer.substring(eq + 1).strip();
            if (!rhs.equals(Long.toString(t.longValue()))) {
                return 0.0;
            }
            expr = answer.substring(0, eq);
        }
        Optional<Expression> e = Expression.parse(expr);
        if (e.isEmpty() || e.get().value() != t.longValue()) {
            return 0.0;
        }
        List<Long> available = new ArrayList<>(numbers.get());
        for (Long used : e.get().numbers()) {
            if (!available.remove(used)) {
                return 0.0;
            }
        }
        return 1.0;
    }

    private static Optional<List<Long>> longs(Object o) {
        if (!(o instanceof List<?> list)) {
            return Optional.empty();
        }
        List<Long> out = new ArrayList<>();
        for (Object x : list) {
            if (!(x instanceof Number n)) {
                return Optional.empty();
            }
            out.add(n.longValue());
        }
        return Optional.of(out);
    }
}
