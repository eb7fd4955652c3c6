package io.r1forge.stages.pretrain.corpus;

import io.r1forge.stages.tasks.Language;
import java.util.List;
import java.util.Random;

/** One reasoning chain being written: the running value, the text and the injection counters. */
final class Chain {
    final ChainWriter writer = new ChainWriter();
    long value;
    int carry;
    int slow;
    int carryErrors;
    int otherErrors;
    int checksAfterCarry;
    int checksAfterOther;
    int uncaught;
    private final CorpusConfig config;
    private final Random random;

    Chain(CorpusConfig config, Random random) {
        this.config = config;
        this.random = random;
    }

    void run(List<Integer> operands, List<String> ops, Language[] langs) {
        value = operands.get(0);
        for (int i = 0; i < ops.size(); i++) {
            step(i == 0, value, ops.get(i), operands.get(i + 1), langs[i]);
        }
    }

    private void step(boolean first, long a, String op, long b, Language l) {
        long correct = op.equals("+") ? a + b : a - b;
        boolean isCarry = Math.floorDiv(a, 10) != Math.floorDiv(correct, 10);
        if (isCarry) {
            carry++;
            if (trySlow(first, a, op, b, correct, l)) {
                return;
            }
        }
        long result = correct;
        if (isCarry && random.nextDouble() < config.carryErrorRate()) {
            result = op.equals("+") ? correct - 10 : correct + 10;
            carryErrors++;
        } else if (!isCarry && random.nextDouble() < config.otherErrorRate()) {
            int delta = 1 + random.nextInt(2);
            result = correct + (random.nextBoolean() ? delta : -delta);
            otherErrors++;
        }
        writer.step(l, first, a, op, b, result);
        boolean check = random.nextDouble() < (isCarry ? config.checkAfterCarryRate() : config.checkAfterOtherRate());
        if (check) {
            writer.check(l, a, op, b, correct);
            if (isCarry) {
                checksAfterCarry++;
            } else {
                checksAfterOther++;
            }
            result = correct;
        } else if (result != correct) {
            uncaught++;
        }
        value = result;
    }

    /** Writes the slow form if drawn and possible (one-digit {@code b}, a non-zero part to the ten). */
    private boolean trySlow(boolean first, long a, String op, long b, long correct, Language l) {
        if (b > 9 || random.nextDouble() >= config.slowCarryRate()) {
            return false;
        }
        boolean plus = op.equals("+");
        long ten = plus ? (Math.floorDiv(a, 10) + 1) * 10 : Math.floorDiv(a, 10) * 10;
        long tenPart = plus ? ten - a : a - ten;
        if (tenPart <= 0 || tenPart > b) {
            return false;
        }
        writer.slow(l, first, a, op, b, tenPart, ten, b - tenPart, correct);
        slow++;
        value = correct;
        return true;
    }
}
