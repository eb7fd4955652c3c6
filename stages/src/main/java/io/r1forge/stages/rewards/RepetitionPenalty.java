package io.r1forge.stages.rewards;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Minus the n-gram repetition rate of the completion: {@code -(1 - distinct / total)} over word
 * n-grams (the words of {@link TextUnits#words} plus digit runs, so "8 minus 2" is three tokens). 0 for text
 * with fewer than {@code n} tokens.
 *
 * <p>Example (n = 2): "a b a b a b" has bigrams ab, ba, ab, ba, ab: 2 distinct of 5 → -0.6.
 *
 * @param n n-gram length, at least 1
 */
public record RepetitionPenalty(int n) implements Reward {
    private static final Pattern TOKEN = Pattern.compile("\\p{IsHan}|\\p{IsLatin}+|\\d+");

    public RepetitionPenalty {
        if (n < 1) {
            throw new IllegalArgumentException("repetition penalty: n must be >= 1 (was " + n + ")");
        }
    }

    /** Trigrams. */
    public RepetitionPenalty() {
        this(3);
    }

    @Override
    public String name() {
        return "repetition";
    }

    @Override
    public String version() {
        return "repetition-ngram-1";
    }

    @Override
    public double score(RewardInput in) {
        List<String> tokens = tokens(Completions.normalize(in.completion()));
        int total = tokens.size() - n + 1;
        if (total <= 0) {
            return 0.0;
        }
        Set<List<String>> distinct = new HashSet<>();
        for (int i = 0; i < total; i++) {
            distinct.add(tokens.subList(i, i + n));
        }
        return -(1.0 - (double) distinct.size() / total);
    }

    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
