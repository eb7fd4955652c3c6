package io.r1forge.stages.grpo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one GRPO step measured (one line of the stage's metrics JSONL).
 *
 * @param step GRPO steps completed, this one included (1-based)
 * @param rewardMean mean total reward over the B completions
 * @param rewardStd population std of the total reward over the batch
 * @param rewardMeanByName reward name → mean over completions that could be scored (NaN if none)
 * @param zeroVarianceFraction share of groups whose G rewards are all equal (no learning signal)
 * @param accuracy mean accuracy reward (share of right final answers)
 * @param formatRate mean format reward (share of well-formed completions)
 * @param selfCheckRate share of completions with a self-check cue ("wait, let me check", 验证, …)
 * @param completionLengthMean mean completion length in tokens (EOS included when emitted)
 * @param clipFraction share of completion tokens where the clipped branch was active (0 when μ = 1)
 * @param klMean mean k3 KL(π ‖ π_ref) per completion token (0 when β = 0)
 * @param entropyMean mean entropy of π per completion token, nats
 * @param loss the GRPO loss (mean over the μ iterations)
 * @param gradNorm global gradient norm before clipping (mean over the μ iterations)
 * @param lr learning rate of the step's last optimizer update
 * @param samplingSeconds wall time of sampling, rewards and π_old/π_ref scoring
 * @param trainingSeconds wall time of the μ policy updates
 */
public record StepMetrics(
        long step,
        double rewardMean,
        double rewardStd,
        Map<String, Double> rewardMeanByName,
        double zeroVarianceFraction,
        double accuracy,
        double formatRate,
        double selfCheckRate,
        double completionLengthMean,
        double clipFraction,
        double klMean,
        double entropyMean,
        double loss,
        double gradNorm,
        double lr,
        double samplingSeconds,
        double trainingSeconds) {

    public StepMetrics {
        rewardMeanByName = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rewardMeanByName));
    }

    /** The same metrics with the wall times set to 0: what two runs of the same seed must agree on. */
    public StepMetrics withoutTimings() {
        return new StepMetrics(step, rewardMean, rewardStd, rewardMeanByName, zeroVarianceFraction, accuracy,
                formatRate, selfCheckRate, completionLengthMean, clipFraction, klMean, entropyMean, loss, gradNorm, lr,
                0, 0);
    }

    /** Flat name → value view ({@code reward/<name>} for the components), e.g. for a progress listener. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("reward", rewardMean);
        m.put("reward_std", rewardStd);
        rewardMeanByName.forEach((name, v) -> m.put("reward/" + name, v));
        m.put("zero_variance_fraction", zeroVarianceFraction);
        m.put("accuracy", accuracy);
        m.put("format_rate", formatRate);
        m.put("self_check_rate", selfCheckRate);
        m.put("completion_length", completionLengthMean);
        m.put("clip_fraction", clipFraction);
        m.put("kl", klMean);
        m.put("entropy", entropyMean);
        m.put("loss", loss);
        m.put("grad_norm", gradNorm);
        m.put("lr", lr);
        m.put("sampling_seconds", samplingSeconds);
        m.put("training_seconds", trainingSeconds);
        return m;
    }
}
