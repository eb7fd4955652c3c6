package io.r1forge.stages.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Thresholds a stage's eval metrics must meet for the pipeline to go on, e.g. YAML {@code r1_zero:
 * {min: {"pass@1": 0.3, format_rate: 0.9}}}.
 *
 * @param min metric → lowest allowed value (inclusive)
 * @param max metric → highest allowed value (inclusive)
 */
public record Gate(@OptionalField Map<String, Double> min, @OptionalField Map<String, Double> max) {
    public Gate {
        min = min == null ? Map.of() : Map.copyOf(min);
        max = max == null ? Map.of() : Map.copyOf(max);
    }

    /** The failed conditions, e.g. {@code "pass@1 = 0.21 < 0.3"}; a missing metric fails. */
    public List<String> failures(Map<String, Double> metrics) {
        List<String> out = new ArrayList<>();
        min.forEach((m, t) -> check(metrics, m, t, true, out));
        max.forEach((m, t) -> check(metrics, m, t, false, out));
        out.sort(null);
        return out;
    }

    private static void check(Map<String, Double> metrics, String m, double t, boolean isMin, List<String> out) {
        Double v = metrics.get(m);
        if (v == null || v.isNaN()) {
            out.add(m + ": missing from the eval report");
        } else if (isMin ? v < t : v > t) {
            out.add(m + " = " + v + (isMin ? " < " : " > ") + t);
        }
    }
}
