package io.r1forge.stages.spec;

import java.util.Map;

/**
 * A GRPO stage (paper §2.2.1), named as TRL's {@code GRPOConfig} (YAML keys in snake case: {@code
 * num_generations}, {@code beta}, …). "Paper" values are DeepSeek-R1-Zero's training details; "TRL"
 * the defaults of trl's GRPOConfig; the {@code tiny} preset's value is what DESIGN §3 measured.
 *
 * @param numGenerations G, completions sampled per prompt. Paper 16; TRL 8; tiny 8.
 * @param beta KL coefficient (k3 estimator against the reference model). Paper 0.001; TRL 0.0 (no
 *     reference model); tiny 0.01.
 * @param epsilon lower clip range ε of the ratio ρ ∈ [1−ε, 1+ε_high]. Paper: see §2.2 (the detailed
 *     training notes give a large clip ratio, 10); TRL 0.2; tiny 0.2.
 * @param epsilonHigh upper clip range (DAPO's clip-higher); absent = {@code epsilon}. TRL: None
 *     (= epsilon).
 * @param numIterations μ, optimisation passes per sampled batch (π_old = the sampling policy). Paper
 *     1 (on-policy); TRL 1; tiny 1.
 * @param lossType token aggregation. Paper's GRPO is {@link LossType#GRPO}; TRL default "dapo";
 *     tiny grpo.
 * @param scaleRewards divide group-centred rewards by their std (paper: yes). TRL "group" (= true).
 * @param temperature sampling temperature. Paper 1.0; TRL 1.0.
 * @param topP nucleus sampling. Paper 1.0 (not stated otherwise); TRL 1.0.
 * @param maxCompletionLength max new tokens. Paper 32,768 (65,536 late in R1-Zero); TRL 256; tiny 64.
 * @param learningRate AdamW learning rate. Paper 3e-6; TRL 1e-6; tiny 3e-4 (a 1M-parameter model).
 * @param maxSteps optimizer steps of the stage. Paper ~10,400 for R1-Zero; tiny 64–96.
 * @param promptsPerStep distinct prompts per step (batch = promptsPerStep × G). Paper 32 (batch
 *     512); tiny 16.
 * @param rewardWeights reward name → weight, summed (see WeightedReward). R1-Zero: accuracy +
 *     format; reasoning RL adds language.
 * @param warmupSteps linear learning-rate warm-up steps. TRL 0 (warmup_ratio 0).
 * @param maxGradNorm global-norm gradient clipping. TRL 1.0.
 * @param weightDecay AdamW decoupled weight decay. TRL 0.0.
 * @param checkpointEvery steps between committed checkpoints (the resume points of the activity).
 * @param evalEvery steps between held-out evaluations (0 = only at the end).
 * @param seed seed of sampling and prompt order for this stage.
 */
public record GrpoConfig(
        int numGenerations,
        double beta,
        double epsilon,
        @OptionalField Double epsilonHigh,
        int numIterations,
        LossType lossType,
        boolean scaleRewards,
        double temperature,
        double topP,
        int maxCompletionLength,
        double learningRate,
        int maxSteps,
        int promptsPerStep,
        Map<String, Double> rewardWeights,
        int warmupSteps,
        double maxGradNorm,
        double weightDecay,
        int checkpointEvery,
        int evalEvery,
        long seed) {

    /** ε_high if set, else ε. */
    public double effectiveEpsilonHigh() {
        return epsilonHigh != null ? epsilonHigh : epsilon;
    }
}
