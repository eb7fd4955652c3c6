package io.r1forge.stages.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Tokens per second of one phase for one model, per round on each side.
 *
 * @param pythonRounds empty when the Python reference did not run
 */
public record PhaseResult(
        String config, long params, Phase phase, List<Double> javaRounds, List<Double> pythonRounds) {

    public PhaseResult {
        javaRounds = List.copyOf(javaRounds);
        pythonRounds = List.copyOf(pythonRounds);
    }

    public double javaTokensPerSecond() {
        return median(javaRounds);
    }

    /** Median Python tokens/s, NaN without Python rounds. */
    public double pythonTokensPerSecond() {
        return median(pythonRounds);
    }

    /** Java over Python; above 1 means Java is faster. NaN without Python rounds. */
    public double ratio() {
        return javaTokensPerSecond() / pythonTokensPerSecond();
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }
}
