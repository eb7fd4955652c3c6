package io.r1forge.workflows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A quality gate on a stage's eval metrics: every named metric must be at least its minimum, e.g.
 * {@code {"pass@1": 0.3, "format_rate": 0.9}}.
 *
 * @param minimums metric name → minimum accepted value (inclusive)
 */
public record Gate(Map<String, Double> minimums) {
    public Gate {
        minimums = minimums == null ? Map.of() : Map.copyOf(minimums);
    }

    /**
     * The violated minimums, one human-readable line each, sorted by metric name; empty when the gate passes.
     * A metric missing from {@code metrics} (or NaN, "cannot score") violates its minimum: a gate that cannot be
     * checked must not pass silently.
     */
    public List<String> violations(Map<String, Double> metrics) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Double> e : new TreeMap<>(minimums).entrySet()) {
            Double value = metrics == null ? null : metrics.get(e.getKey());
            if (value == null || value.isNaN()) {
                out.add(e.getKey() + " missing (minimum " + e.getValue() + ")");
            } else if (value < e.getValue()) {
                out.add(e.getKey() + " " + value + " < " + e.getValue());
            }
        }
        return out;
    }
}
