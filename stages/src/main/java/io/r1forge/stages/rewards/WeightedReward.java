package io.r1forge.stages.rewards;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Σ w_i · r_i over named rewards (paper §2.3.2: accuracy and language consistency are summed). A
 * component that returns NaN ("cannot score") counts as 0 in the sum and is listed in {@link
 * RewardBreakdown#nanComponents()}: one unscorable rule must not erase the signal of the others
 * (e.g. the language reward of a completion without {@code <think>} still leaves accuracy and
 * format). Hence {@link #score} is never NaN.
 *
 * <p>Example: weights {accuracy: 1, format: 1, language: 0.5}; a completion with the right answer,
 * good format and no {@code <think>} words scores 1 + 1 + 0 = 2 with nanComponents [language].
 */
public final class WeightedReward implements Reward {
    private final Map<String, Double> weights;
    private final Map<String, Reward> rewards = new LinkedHashMap<>();

    /** @throws IllegalArgumentException for an unknown name or a non-finite weight */
    public WeightedReward(Map<String, Double> weights) {
        this.weights = new LinkedHashMap<>(weights);
        weights.forEach((name, w) -> {
            if (w == null || !Double.isFinite(w)) {
                throw new IllegalArgumentException("weight of '" + name + "' must be finite (was " + w + ")");
            }
            rewards.put(name, RewardRegistry.create(name));
        });
    }

    @Override
    public String name() {
        return "weighted";
    }

    /** The component versions joined, e.g. {@code accuracy=accuracy-1,format=format-1}. */
    @Override
    public String version() {
        return String.join(",", versions().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    /** Reward name → version, for lineage manifests. */
    public Map<String, String> versions() {
        Map<String, String> out = new LinkedHashMap<>();
        rewards.forEach((n, r) -> out.put(n, r.version()));
        return out;
    }

    /** The weights, in the order given. */
    public Map<String, Double> weights() {
        return java.util.Collections.unmodifiableMap(weights);
    }

    @Override
    public double score(RewardInput in) {
        return breakdown(in).total();
    }

    /** Every component's value, the weighted total and the NaN components. */
    public RewardBreakdown breakdown(RewardInput in) {
        Map<String, Double> values = new LinkedHashMap<>();
        List<String> nan = new ArrayList<>();
        double total = 0;
        for (Map.Entry<String, Reward> e : rewards.entrySet()) {
            double v = e.getValue().score(in);
            values.put(e.getKey(), v);
            if (Double.isNaN(v)) {
                nan.add(e.getKey());
            } else {
                total += weights.get(e.getKey()) * v;
            }
        }
        return new RewardBreakdown(values, total, nan);
    }
}
