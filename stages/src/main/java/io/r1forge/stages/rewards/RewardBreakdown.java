package io.r1forge.stages.rewards;

import java.util.List;
import java.util.Map;

/**
 * The components of a weighted reward for one completion.
 *
 * @param values reward name → raw value (NaN kept as NaN here), in weight order
 * @param total Σ weight·value over the components that are not NaN
 * @param nanComponents names of the components that could not score (counted as 0 in {@code total})
 */
public record RewardBreakdown(Map<String, Double> values, double total, List<String> nanComponents) {
    public RewardBreakdown {
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        nanComponents = List.copyOf(nanComponents);
    }
}
