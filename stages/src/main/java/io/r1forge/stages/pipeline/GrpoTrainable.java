package io.r1forge.stages.pipeline;

import io.r1forge.stages.grpo.GrpoRewards;
import io.r1forge.stages.grpo.GrpoTrainer;
import io.r1forge.stages.model.CausalLm;
import io.r1forge.stages.rewards.RewardRegistry;
import io.r1forge.stages.rewards.WeightedReward;
import io.r1forge.stages.spec.GrpoConfig;
import io.r1forge.stages.spec.TemplateKind;
import io.r1forge.stages.tasks.Problem;
import io.r1forge.stages.tokenizer.TextTokenizer;
import io.r1forge.stages.train.AdamW;
import io.r1forge.stages.train.LrSchedule;
import io.r1forge.stages.train.TrainingState;
import ai.djl.ndarray.NDManager;
import io.r1forge.stages.grpo.SampleFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A GRPO stage for the {@link TrainingLoop}: {@link GrpoTrainer} with the spec's weighted rule rewards, LR warm-up
 * then constant (TRL's default decays linearly; the paper states a constant 3e-6 for R1-Zero), and the
 * reference model π_ref frozen from the stage's <em>starting</em> checkpoint (also when resuming). Each step's
 * completions go to {@code out/step-samples/} ({@link SampleFiles}).
 */
public final class GrpoTrainable implements Trainable {
    private final GrpoTrainer trainer;
    private final GrpoConfig cfg;
    private final CausalLm reference;
    private final Path out;
    private final int keepSamples;

    /** @param reference frozen copy of the starting model, or null when β = 0 (closed with this trainable) */
    public GrpoTrainable(CausalLm policy, CausalLm reference, TextTokenizer tokenizer, List<Problem> problems,
            GrpoConfig cfg, TemplateKind template, Path out, int keepSamples, NDManager manager) {
        this.cfg = cfg;
        this.out = out;
        this.keepSamples = keepSamples;
        this.reference = reference;
        GrpoRewards rewards = new GrpoRewards(new WeightedReward(cfg.rewardWeights()),
                List.of(RewardRegistry.create("language")));
        LrSchedule schedule = new LrSchedule(LrSchedule.Kind.CONSTANT, cfg.learningRate(), cfg.warmupSteps(), 0, 1);
        this.trainer = new GrpoTrainer(policy, reference, tokenizer, rewards, problems, schedule, cfg,
                new GrpoTrainer.Options(GrpoTrainer.Options.defaults().microBatchSize(), template::render), manager);
    }

    @Override
    public Map<String, Double> trainStep() {
        Map<String, Double> m = trainer.step().asMap();
        SampleFiles.writeStep(out, trainer.stepCount(), trainer.lastRollout(), keepSamples);
        return m;
    }

    @Override
    public long step() {
        return trainer.stepCount();
    }

    @Override
    public long totalSteps() {
        return cfg.maxSteps();
    }

    @Override
    public CausalLm model() {
        return trainer.policy();
    }

    @Override
    public AdamW optimizer() {
        return trainer.optimizer();
    }

    @Override
    public TrainingState state() {
        return trainer.state();
    }

    @Override
    public void restore(TrainingState state) {
        trainer.restore(state);
    }

    @Override
    public void close() {
        trainer.close();
        if (reference != null) {
            reference.close();
        }
    }
}
