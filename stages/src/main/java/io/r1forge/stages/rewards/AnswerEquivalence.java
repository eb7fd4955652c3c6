package io.r1forge.stages.rewards;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether two final answers mean the same. Numbers compare exactly as rationals: {@code "1/2"},
 * {@code "0.5"}, {@code "\frac{1}{2}"} and {@code "0.50"} are equal; {@code "1,000"} equals {@code
 * "1000"}; {@code "-0"} equals {@code "0"}; surrounding whitespace, {@code $} signs and a trailing
 * period are ignored. Non-numeric answers compare with all whitespace removed.
 */
public final class AnswerEquivalence {
    private static final Pattern THOUSANDS = Pattern.compile("-?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern FRACTION = Pattern.compile("([-+]?\\d+)\\s*/\\s*([-+]?\\d+)");
    private static final Pattern LATEX_FRAC = Pattern.compile("(-?)\\\\d?frac\\{\\s*(-?\\d+)\\s*\\}\\{\\s*(-?\\d+)\\s*\\}");

    /** Exponents beyond this are not answers but attempts to make {@code 10^scale} expensive. */
    private static final int MAX_SCALE = 100;

    private AnswerEquivalence() {}

    /** True if {@code got} and {@code expected} denote the same answer. */
    public static boolean equivalent(String got, String expected) {
        String a = clean(got);
        String b = clean(expected);
        Optional<BigInteger[]> x = rational(a);
        Optional<BigInteger[]> y = rational(b);
        if (x.isPresent() && y.isPresent()) {
            return x.get()[0].multiply(y.get()[1]).equals(y.get()[0].multiply(x.get()[1]));
        }
        return !a.isEmpty() && a.replaceAll("\\s+", "").equals(b.replaceAll("\\s+", ""));
    }

    /** The answer as an exact fraction {numerator, positive denominator}, if it is a number. */
    public static Optional<BigInteger[]> rational(String text) {
        String s = clean(text);
        if (THOUSANDS.matcher(s).matches()) {
            s = s.replace(",", "");
        }
        try {
            if (DECIMAL.matcher(s).matches()) {
                BigDecimal d = new BigDecimal(s.startsWith("+") ? s.substring(1) : s);
                if (Math.abs(d.scale()) > MAX_SCALE) {
                    return Optional.empty();
                }
                return Optional.of(d.scale() >= 0
                        ? reduceFraction(d.unscaledValue(), BigInteger.TEN.pow(d.scale()))
                        : reduceFraction(d.toBigIntegerExact(), BigInteger.ONE));
            }
            Matcher f = FRACTION.matcher(s);
            Matcher l = LATEX_FRAC.matcher(s);
            if (f.matches()) {
                return fraction(new BigInteger(f.group(1).replace("+", "")), new BigInteger(f.group(2).replace("+", "")));
            }
            if (l.matches()) {
                BigInteger n = new BigInteger(l.group(2));
                return fraction(l.group(1).isEmpty() ? n : n.negate(), new BigInteger(l.group(3)));
            }
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static String clean(String s) {
        String t = s.strip().replace("$", "").strip();
        while (t.endsWith(".") && t.length() > 1) {
            t = t.substring(0, t.length() - 1).strip();
        }
        return t;
    }

    private static Optional<BigInteger[]> fraction(BigInteger n, BigInteger d) {
        return d.signum() == 0 ? Optional.empty() : Optional.of(reduceFraction(n, d));
    }

    private static BigInteger[] reduceFraction(BigInteger n, BigInteger d) {
        if (d.signum() < 0) {
            n = n.negate();
            d = d.negate();
        }
        BigInteger g = n.gcd(d);
        return g.signum() == 0 ? new BigInteger[] {n, d} : new BigInteger[] {n.divide(g), d.divide(g)};
    }
}
