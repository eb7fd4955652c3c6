package io.r1forge.stages.grpo;

import io.r1forge.stages.rewards.SelfCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a step's {@link StepMetrics} from its rollout and policy updates (host arithmetic only). */
final class Metrics {
    private Metrics() {}

    static StepMetrics of(long step, Rollout r, List<PolicyUpdate.Stats> updates, double samplingSeconds,
            double trainingSeconds) {
        Map<String, Double> byName = new LinkedHashMap<>();
        r.rewardsByName().forEach((name, values) -> byName.put(name, RewardTable.mean(values)));
        long selfChecks = r.texts().stream().filter(SelfCheck::detect).count();
        PolicyUpdate.Stats last = updates.get(updates.size() - 1);
        return new StepMetrics(
                step,
                RewardTable.mean(r.rewards()),
                RewardTable.std(r.rewards()),
                byName,
                zeroVarianceFraction(r.rewards(), r.groupSize()),
                byName.getOrDefault(RewardTable.ACCURACY, Double.NaN),
                byName.getOrDefault(RewardTable.FORMAT, Double.NaN),
                (double) selfChecks / r.size(),
                (double) r.tokenCount() / r.size(),
                updates.stream().mapToDouble(PolicyUpdate.Stats::clipFraction).average().orElse(0),
                updates.stream().mapToDouble(PolicyUpdate.Stats::klMean).average().orElse(0),
                updates.get(0).entropyMean(), // of the sampling policy, before this step's updates
                updates.stream().mapToDouble(PolicyUpdate.Stats::loss).average().orElse(0),
                updates.stream().mapToDouble(PolicyUpdate.Stats::gradNorm).average().orElse(0),
                last.lr(),
                samplingSeconds,
                trainingSeconds);
    }

    /** Share of groups (G consecutive rewards) whose rewards are all equal. */
    static double zeroVarianceFraction(double[] rewards, int groupSize) {
        int groups = rewards.length / groupSize;
        int constant = 0;
        for (int g = 0; g < groups; g++) {
            boolean same = true;
            for (int i = 1; i < groupSize; i++) {
                same &= rewards[g * groupSize + i] == rewards[g * groupSize];
            }
            constant += same ? 1 : 0;
        }
        return groups == 0 ? 0 : (double) constant / groups;
    }
}
