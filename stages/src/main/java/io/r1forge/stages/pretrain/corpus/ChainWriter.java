package io.r1forge.stages.pretrain.corpus;

import io.r1forge.stages.tasks.Language;
import io.r1forge.stages.tasks.Words;

/**
 * Renders the sentences of a reasoning chain in either language, e.g. EN {@code "then 12 minus 5
 * is 7."}, ZH {@code "然后 12 减 5 得 7."}. Plain ASCII punctuation so the tiny vocabulary stays small.
 */
final class ChainWriter {
    private final StringBuilder sb = new StringBuilder();

    /** {@code "a op b is c."}, prefixed by "then" after the first step. */
    void step(Language l, boolean first, long a, String op, long b, long c) {
        sentence((first ? "" : Words.then(l) + " ") + clause(l, a, op, b, c) + ".");
    }

    /** {@code "wait, let me check: a op b is c."}. */
    void check(Language l, long a, String op, long b, long c) {
        sentence(Words.check(l) + " " + clause(l, a, op, b, c) + ".");
    }

    /**
     * The slow form through the round ten: {@code "17 minus 9: 17 minus 7 is 10, 10 minus 2 is 8."};
     * {@code tenPart} is the amount to reach the ten, {@code rest} the remainder of {@code b}.
     */
    void slow(Language l, boolean first, long a, String op, long b, long tenPart, long ten, long rest, long c) {
        String head = (first ? "" : Words.then(l) + " ") + a + " " + Words.op(l, op) + " " + b + ": ";
        String body = clause(l, a, op, tenPart, ten);
        if (rest != 0) {
            body += ", " + clause(l, ten, op, rest, c);
        }
        sentence(head + body + ".");
    }

    /** {@code "so the answer is X."}. */
    void conclusion(Language l, long x) {
        sentence(Words.soTheAnswerIs(l) + " " + x + ".");
    }

    String text() {
        return sb.toString();
    }

    private static String clause(Language l, long a, String op, long b, long c) {
        return a + " " + Words.op(l, op) + " " + b + " " + Words.is(l) + " " + c;
    }

    private void sentence(String s) {
        if (sb.length() > 0) {
            sb.append(' ');
        }
        sb.append(s);
    }
}
