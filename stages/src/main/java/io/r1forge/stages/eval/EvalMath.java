package io.r1forge.stages.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The evaluation metrics of the paper (section 2.2.4 / 3): pure functions of per-sample scores.
 *
 * <p>Input shape: one list per problem, each holding that problem's k samples.
 */
public final class EvalMath {
    private EvalMath() {}

    /**
     * pass@1 averaged over k samples: {@code (1/N) Σ_problems (1/k) Σ_i correct_i}. With samples drawn at
     * temperature T=1 this is the paper's pass@1 estimate; with k=1 greedy samples it is greedy pass@1.
     */
    public static double passAt1(List<List<SampleScore>> perProblem) {
        return meanOverProblems(perProblem, SampleScore::correct);
    }

    /**
     * Unbiased pass@k from n samples of which c are correct (Chen et al. 2021): {@code 1 − C(n−c, k) / C(n, k)},
     * computed as a running product to avoid large binomials.
     */
    public static double passAtK(int n, int c, int k) {
        if (k < 1 || k > n || c < 0 || c > n) {
            throw new IllegalArgumentException("need 1 <= k <= n and 0 <= c <= n, was n=" + n + " c=" + c + " k=" + k);
        }
        if (n - c < k) {
            return 1.0;
        }
        double allWrong = 1.0;
        for (int i = n - c + 1; i <= n; i++) {
            allWrong *= 1.0 - (double) k / i;
        }
        return 1.0 - allWrong;
    }

    /**
     * The majority answer of one problem's samples. Samples without an answer do not vote.
     *
     * <p>Ties are broken deterministically by first occurrence: among the answers with the highest count, the
     * one whose first sample comes earliest wins. Sample order is the sampling order (fixed by the seed), so
     * the vote is reproducible and does not depend on hash order or on the answers' values.
     *
     * @return the index of the first sample carrying the winning answer, empty when no sample has an answer
     */
    public static Optional<Integer> majorityIndex(List<SampleScore> samples) {
        Map<String, int[]> votes = new LinkedHashMap<>(); // answer -> {count, first index}
        for (int i = 0; i < samples.size(); i++) {
            String a = samples.get(i).answer();
            if (a != null) {
                int index = i;
                votes.computeIfAbsent(a, key -> new int[] {0, index})[0]++;
            }
        }
        int[] best = null;
        for (int[] v : votes.values()) {
            // insertion order is first-occurrence order, so strict > keeps the earliest among ties
            if (best == null || v[0] > best[0]) {
                best = v;
            }
        }
        return best == null ? Optional.empty() : Optional.of(best[1]);
    }

    /**
     * cons@k: {@code (1/N) Σ_problems correct(majority answer)}; a problem where no sample has an answer
     * counts as wrong. Correctness of the majority answer is that of its first sample (all samples with the same
     * normalised answer are equally correct).
     */
    public static double consAtK(List<List<SampleScore>> perProblem) {
        if (perProblem.isEmpty()) {
            return Double.NaN;
        }
        double sum = 0;
        for (List<SampleScore> samples : perProblem) {
            sum += majorityIndex(samples).map(i -> samples.get(i).correct()).orElse(0.0);
        }
        return sum / perProblem.size();
    }

    /** Share of well-formatted samples, averaged per problem then over problems. */
    public static double formatRate(List<List<SampleScore>> perProblem) {
        return meanOverProblems(perProblem, SampleScore::format);
    }

    /** Mean language consistency over all samples that have a value ({@code NaN}s skipped; NaN if none). */
    public static double languageConsistency(List<List<SampleScore>> perProblem) {
        return nanMean(perProblem, SampleScore::languageConsistency);
    }

    /** Mean completion length in tokens over all samples. */
    public static double meanLength(List<List<SampleScore>> perProblem) {
        return nanMean(perProblem, s -> s.lengthTokens());
    }

    /** Share of samples with a self-check. */
    public static double selfCheckRate(List<List<SampleScore>> perProblem) {
        return nanMean(perProblem, s -> s.selfCheck() ? 1.0 : 0.0);
    }

    private static double meanOverProblems(List<List<SampleScore>> perProblem, ToDoubleFunction<SampleScore> f) {
        if (perProblem.isEmpty()) {
            return Double.NaN;
        }
        double sum = 0;
        for (List<SampleScore> samples : perProblem) {
            if (samples.isEmpty()) {
                throw new IllegalArgumentException("a problem has no samples");
            }
            double s = 0;
            for (SampleScore score : samples) {
                s += f.applyAsDouble(score);
            }
            sum += s / samples.size();
        }
        return sum / perProblem.size();
    }

    /** Mean over all samples of all problems, skipping NaN values. */
    static double nanMean(List<List<SampleScore>> perProblem, ToDoubleFunction<SampleScore> f) {
        double sum = 0;
        int n = 0;
        for (List<SampleScore> samples : perProblem) {
            for (SampleScore s : samples) {
                double v = f.applyAsDouble(s);
                if (!Double.isNaN(v)) {
                    sum += v;
                    n++;
                }
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
