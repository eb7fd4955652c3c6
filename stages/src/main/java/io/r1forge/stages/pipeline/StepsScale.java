package io.r1forge.stages.pipeline;

import io.r1forge.stages.spec.DistillConfig;
import io.r1forge.stages.spec.GrpoConfig;
import io.r1forge.stages.spec.PipelineSpec;
import io.r1forge.stages.spec.PretrainConfig;

/**
 * {@code --steps-scale s}: multiplies every stage's step count (and a student's {@code distill.pretrain_steps}) by s (at least 1 step), for quick runs. SFT stages
 * are capped at {@code ceil(s × their epoch steps)} (see {@link #sftCap}); data and eval sizes are unchanged
 * (set them with {@code --set}).
 */
public final class StepsScale {
    private StepsScale() {}

    public static int scale(int steps, double s) {
        return Math.max(1, (int) Math.ceil(steps * s));
    }

    /** The spec with GRPO {@code max_steps} and pre-training {@code steps} scaled. */
    public static PipelineSpec apply(PipelineSpec spec, double s) {
        if (s == 1.0) {
            return spec;
        }
        PretrainConfig p = spec.pretrain();
        PretrainConfig pretrain = new PretrainConfig(p.modelPreset(), p.corpusDocuments(), scale(p.steps(), s),
                p.learningRate(), p.batchSize(), p.seqLength(), Math.min(p.warmupSteps(), scale(p.steps(), s) - 1),
                p.seed(), p.corpus());
        return new PipelineSpec(spec.name(), spec.baseModel(), spec.task(), spec.template(), spec.seed(), pretrain,
                grpo(spec.r1Zero(), s), spec.coldStart(), grpo(spec.reasoningRl(), s), spec.rejectionSampling(),
                spec.rsSft(), grpo(spec.finalRl(), s), distill(spec.distill(), s), spec.eval(), spec.gates());
    }

    private static DistillConfig distill(DistillConfig d, double s) {
        return d == null || d.pretrainSteps() == null ? d
                : new DistillConfig(d.student(), d.sft(), scale(d.pretrainSteps(), s));
    }

    /** SFT step cap for a data set needing {@code epochSteps} steps (0 = no cap when s = 1). */
    public static int sftCap(long epochSteps, double s) {
        return s == 1.0 ? 0 : scale((int) epochSteps, s);
    }

    static GrpoConfig grpo(GrpoConfig g, double s) {
        return withMaxSteps(g, scale(g.maxSteps(), s));
    }

    /** A copy of a GRPO config with another step count (checkpoint/eval intervals clamped to it). */
    public static GrpoConfig withMaxSteps(GrpoConfig g, int steps) {
        return new GrpoConfig(g.numGenerations(), g.beta(), g.epsilon(), g.epsilonHigh(), g.numIterations(),
                g.lossType(), g.scaleRewards(), g.temperature(), g.topP(), g.maxCompletionLength(), g.learningRate(),
                steps, g.promptsPerStep(), g.rewardWeights(), Math.min(g.warmupSteps(), steps),
                g.maxGradNorm(), g.weightDecay(), Math.min(g.checkpointEvery(), steps), Math.min(g.evalEvery(), steps),
                g.seed());
    }
}
