package io.r1forge.stages.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A tiny, safe integer expression evaluator: integers, {@code + - *} (also {@code ×}), unary
 * minus and parentheses, with the usual precedence. No reflection, no scripting engine; overflow
 * and anything else is a parse failure.
 *
 * <p>Example: {@code Expression.parse("(7 - 3) * 5 + 2")} gives value 22 and numbers [7, 3, 5, 2].
 *
 * @param value the integer value
 * @param numbers the integer literals in order of appearance (what countdown checks against)
 */
public record Expression(long value, List<Long> numbers) {

    /** Parses and evaluates, or empty if the text is not a well-formed expression. */
    public static Optional<Expression> parse(String text) {
        Parser p = new Parser(text.replace('×', '*').replace('−', '-'));
        try {
            long v = p.sum();
            p.skipSpace();
            if (p.pos != p.text.length()) {
                return Optional.empty();
            }
            return Optional.of(new Expression(v, List.copyOf(p.numbers)));
        } catch (ArithmeticException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    private static final class Parser {
        private final String text;
        private final List<Long> numbers = new ArrayList<>();
        private int pos;
        private int depth;

        Parser(String text) {
            this.text = text;
        }

        long sum() {
            long v = product();
            while (true) {
                char c = peek();
                if (c == '+' || c == '-') {
                    pos++;
                    long r = product();
                    v = c == '+' ? Math.addExact(v, r) : Math.subtractExact(v, r);
                } else {
                    return v;
                }
            }
        }

        long product() {
            long v = unary();
            while (peek() == '*') {
                pos++;
                v = Math.multiplyExact(v, unary());
            }
            return v;
        }

        long unary() {
            char c = peek();
            if (c == '-') {
                pos++;
                return Math.negateExact(unary());
            }
            if (c == '(') {
                if (++depth > 64) {
                    throw new IllegalStateException("nested too deep");
                }
                pos++;
                long v = sum();
                if (peek() != ')') {
                    throw new IllegalStateException("missing )");
                }
                pos++;
                depth--;
                return v;
            }
            return number();
        }

        long number() {
            skipSpace();
            int start = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos)) && pos - start < 18) {
                pos++;
            }
            if (start == pos) {
                throw new IllegalStateException("number expected at " + pos);
            }
            long v = Long.parseLong(text.substring(start, pos));
            numbers.add(v);
            return v;
        }

        char peek() {
            skipSpace();
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }
    }
}
