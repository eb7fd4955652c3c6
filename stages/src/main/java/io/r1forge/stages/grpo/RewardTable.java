package io.r1forge.stages.grpo;

import io.r1forge.stages.rewards.Reward;
import io.r1forge.stages.rewards.RewardBreakdown;
import io.r1forge.stages.rewards.RewardInput;
import io.r1forge.stages.rewards.RewardRegistry;
import io.r1forge.stages.rewards.WeightedReward;
import io.r1forge.stages.tasks.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rewards of B completions, scored on the host.
 *
 * @param total [B] the training reward (never NaN: {@link WeightedReward} counts NaN components as 0; a plain
 *     reward's NaN counts as 0 too, so one unscorable completion cannot poison its group's advantages)
 * @param byName reward name → [B]: the weighted reward's components, the extra metric rewards, and always
 *     {@code accuracy} and {@code format} (for the accuracy and format rates)
 */
record RewardTable(double[] total, Map<String, double[]> byName) {
    static final String ACCURACY = "accuracy";
    static final String FORMAT = "format";

    /**
     * @param problems [B] the problem of each completion
     * @param texts [B] the completions
     */
    static RewardTable score(Reward reward, List<Reward> metricRewards, List<Problem> problems, List<String> texts) {
        int b = texts.size();
        List<Reward> extra = metricOnly(reward, metricRewards);
        double[] total = new double[b];
        Map<String, double[]> byName = new LinkedHashMap<>();
        for (int i = 0; i < b; i++) {
            int row = i;
            RewardInput in = new RewardInput(problems.get(i), texts.get(i));
            if (reward instanceof WeightedReward weighted) {
                RewardBreakdown parts = weighted.breakdown(in);
                total[i] = parts.total();
                parts.values().forEach((name, v) -> column(byName, name, b)[row] = v);
            } else {
                double v = reward.score(in);
                total[i] = Double.isNaN(v) ? 0 : v;
                column(byName, reward.name(), b)[i] = v;
            }
            for (Reward r : extra) {
                column(byName, r.name(), b)[i] = r.score(in);
            }
        }
        return new RewardTable(total, byName);
    }

    /** The metric rewards (plus accuracy and format) that the training reward does not already compute. */
    private static List<Reward> metricOnly(Reward reward, List<Reward> metricRewards) {
        List<Reward> extra = new ArrayList<>();
        for (Reward r : metricRewards) {
            if (!componentOf(reward, r.name()) && extra.stream().noneMatch(e -> e.name().equals(r.name()))) {
                extra.add(r);
            }
        }
        for (String always : List.of(ACCURACY, FORMAT)) {
            if (!componentOf(reward, always) && extra.stream().noneMatch(e -> e.name().equals(always))) {
                extra.add(RewardRegistry.create(always));
            }
        }
        return extra;
    }

    private static boolean componentOf(Reward reward, String name) {
        return reward instanceof WeightedReward w ? w.weights().containsKey(name) : reward.name().equals(name);
    }

    private static double[] column(Map<String, double[]> byName, String name, int b) {
        return byName.computeIfAbsent(name, n -> new double[b]);
    }

    /** Mean of a column over its non-NaN values (NaN if all are NaN). */
    static double mean(double[] values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Population standard deviation of the non-NaN values. */
    static double std(double[] values) {
        double m = mean(values);
        double sq = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sq += (v - m) * (v - m);
                n++;
            }
        }
        return n == 0 ? Double.NaN : Math.sqrt(sq / n);
    }
}
