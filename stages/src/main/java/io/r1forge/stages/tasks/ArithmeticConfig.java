package io.r1forge.stages.tasks;

/**
 * Shape of multi-step arithmetic problems. The measured tiny world (DESIGN §3) is the default:
 * 2–4 one-digit operands joined by {@code +} and {@code -}, running totals never negative.
 *
 * @param minOperands at least 2
 * @param maxOperands at least {@code minOperands}
 * @param digits digits per operand (1 gives 0–9, 2 gives 0–99)
 * @param ops operator characters drawn uniformly, a non-empty subset of {@code "+-*"}
 * @param allowNegative if false, operands are re-drawn until every left-to-right running total
 *     (and the result) is {@code >= 0}
 */
public record ArithmeticConfig(
        int minOperands, int maxOperands, int digits, String ops, boolean allowNegative) {

    public ArithmeticConfig {
        if (minOperands < 2 || maxOperands < minOperands) {
            throw new IllegalArgumentException(
                    "operands: need 2 <= min <= max (was " + minOperands + ".." + maxOperands + ")");
        }
        if (digits < 1 || digits > 6) {
            throw new IllegalArgumentException("digits: must be in 1..6 (was " + digits + ")");
        }
        if (ops == null || ops.isEmpty() || !ops.matches("[-+*]+")) {
            throw new IllegalArgumentException("ops: must be a non-empty subset of \"+-*\" (was " + ops + ")");
        }
    }

    /** DESIGN §3's tiny world: 2–4 one-digit operands, {@code +} and {@code -}, no negatives. */
    public static ArithmeticConfig tiny() {
        return new ArithmeticConfig(2, 4, 1, "+-", false);
    }
}
