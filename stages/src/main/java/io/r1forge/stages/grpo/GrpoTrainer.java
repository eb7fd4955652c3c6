package io.r1forge.stages.grpo;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.r1forge.stages.generate.Completion;
import io.r1forge.stages.generate.GenerationConfig;
import io.r1forge.stages.generate.Generator;
import io.r1forge.stages.model.CausalLm;
import io.r1forge.stages.sft.DataOrder;
import io.r1forge.stages.spec.GrpoConfig;
import io.r1forge.stages.tasks.Problem;
import io.r1forge.stages.tasks.Templates;
import io.r1forge.stages.tokenizer.TextTokenizer;
import io.r1forge.stages.train.AdamW;
import io.r1forge.stages.train.CounterRng;
import io.r1forge.stages.train.LrSchedule;
import io.r1forge.stages.train.TrainStep;
import io.r1forge.stages.train.TrainingState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Group Relative Policy Optimization (DeepSeek-R1 §2.2.1; DeepSeekMath Algorithm 1 without the reward-model
 * update): for each batch of prompts, sample G completions each from π_old, score them with rule rewards,
 * normalise rewards within each group into advantages, then take μ = numIterations optimizer steps on the
 * clipped surrogate − β·KL(π ‖ π_ref).
 *
 * <p>Reproducible and resumable: the prompts of step s are a pure function of (seed, s) ({@link DataOrder}),
 * and so is the sampling seed ({@link #samplingSeed}); with the weights and the AdamW moments,
 * {@link #state()} is all a stopped run needs to continue exactly.
 */
public final class GrpoTrainer implements AutoCloseable {
    /**
     * Trainer knobs that are not GRPO hyper-parameters.
     *
     * @param microBatchSize completions per forward/backward pass; larger batches are split and their gradients
     *     accumulated (equal to the full-batch gradient up to float rounding)
     * @param template renders a problem into the prompt text (R1-Zero's Table 1 by default)
     */
    public record Options(int microBatchSize, Function<Problem, String> template) {
        public Options {
            if (microBatchSize < 1) {
                throw new IllegalArgumentException("microBatchSize must be >= 1, was " + microBatchSize);
            }
        }

        /** 32 completions per pass (keeps the tiny model's activations small) and the R1-Zero template. */
        public static Options defaults() {
            return new Options(32, Templates::r1Zero);
        }
    }

    private final CausalLm policy;
    private final CausalLm reference;
    private final TextTokenizer tokenizer;
    private final GrpoRewards rewards;
    private final List<Problem> problems;
    private final DataOrder order;
    private final GrpoConfig cfg;
    private final Function<Problem, String> template;
    private final NDManager manager;
    private final AdamW optimizer;
    private final PolicyUpdate update;
    private Rollout lastRollout;
    private long step;

    /**
     * @param policy the model to train (made trainable here)
     * @param reference the frozen reference π_ref ({@code base.copyFrozen}) when β &gt; 0, else null; on resume it
     *     must still be the stage's starting model, not the resumed policy
     * @param problems the prompt source, visited in a seeded order, {@code cfg.promptsPerStep()} per step
     * @param schedule learning rate by optimizer step (μ optimizer steps per GRPO step)
     */
    public GrpoTrainer(CausalLm policy, CausalLm reference, TextTokenizer tokenizer, GrpoRewards rewards,
            List<Problem> problems, LrSchedule schedule, GrpoConfig cfg, NDManager parent) {
        this(policy, reference, tokenizer, rewards, problems, schedule, cfg, Options.defaults(), parent);
    }

    /** As above with explicit {@link Options}. */
    public GrpoTrainer(CausalLm policy, CausalLm reference, TextTokenizer tokenizer, GrpoRewards rewards,
            List<Problem> problems, LrSchedule schedule, GrpoConfig cfg, Options options, NDManager parent) {
        if ((cfg.beta() > 0) != (reference != null)) {
            throw new IllegalArgumentException("a reference model is needed exactly when beta > 0 (beta "
                    + cfg.beta() + ", reference " + (reference == null ? "absent" : "given") + ")");
        }
        this.policy = policy;
        this.reference = reference;
        this.tokenizer = tokenizer;
        this.rewards = rewards;
        this.problems = List.copyOf(problems);
        this.order = new DataOrder(problems.size(), cfg.seed());
        this.cfg = cfg;
        this.template = options.template();
        this.manager = parent.newSubManager();
        policy.setTrainable(true);
        this.optimizer = new AdamW(policy.parameters(),
                AdamW.Config.defaults().withWeightDecay(cfg.weightDecay()), manager);
        TrainStep trainStep = new TrainStep(policy.parameters(), optimizer, schedule, cfg.maxGradNorm());
        LossSettings loss = new LossSettings(cfg.lossType(), cfg.beta(), cfg.epsilon(), cfg.effectiveEpsilonHigh(),
                cfg.maxCompletionLength());
        this.update = new PolicyUpdate(policy, trainStep, loss, options.microBatchSize(), tokenizer.padId());
    }

    /** One GRPO step on the next {@code promptsPerStep} problems of the seeded order. */
    public StepMetrics step() {
        return step(nextPrompts());
    }

    /** One GRPO step: the algorithm box. */
    public StepMetrics step(List<Problem> prompts) {
        try (NDManager work = manager.newSubManager()) {
            long t0 = System.nanoTime();
            List<Completion> completions = sample(prompts, samplingSeed(step)); // G per prompt, from π_old
            Rollout rollout = score(prompts, completions); // rewards on the host, group advantages
            float[][] old = cfg.numIterations() > 1 ? update.logps(policy, rollout, work) : null;
            float[][] ref = reference != null ? update.logps(reference, rollout, work) : null;
            rollout = rollout.withLogps(old, ref);
            long t1 = System.nanoTime();
            List<PolicyUpdate.Stats> updates = new ArrayList<>();
            for (int i = 0; i < cfg.numIterations(); i++) { // μ updates on the same samples
                updates.add(update.update(rollout, work));
            }
            long t2 = System.nanoTime();
            step++;
            lastRollout = rollout;
            return Metrics.of(step, rollout, updates, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        }
    }

    /** The problems of the next step. */
    public List<Problem> nextPrompts() {
        return order.slice(step * cfg.promptsPerStep(), cfg.promptsPerStep()).stream().map(problems::get).toList();
    }

    /** The sampling seed of GRPO step {@code s}: a function of (config seed, s) only, so a resumed run resamples alike. */
    public long samplingSeed(long s) {
        return new CounterRng(cfg.seed(), s).nextLong();
    }

    private List<Completion> sample(List<Problem> prompts, long seed) {
        List<int[]> rows = new ArrayList<>();
        for (Problem p : prompts) {
            int[] ids = tokenizer.encode(template.apply(p));
            for (int g = 0; g < cfg.numGenerations(); g++) {
                rows.add(ids);
            }
        }
        GenerationConfig gen = new GenerationConfig(cfg.maxCompletionLength(), cfg.temperature(), cfg.topP(),
                0, List.of());
        return new Generator(policy, tokenizer).generate(rows, gen, seed);
    }

    private Rollout score(List<Problem> prompts, List<Completion> completions) {
        int g = cfg.numGenerations();
        List<Problem> rowProblems = new ArrayList<>();
        for (Problem p : prompts) {
            for (int i = 0; i < g; i++) {
                rowProblems.add(p);
            }
        }
        List<String> texts = completions.stream().map(Completion::text).toList();
        RewardTable table = RewardTable.score(rewards.training(), rewards.metrics(), rowProblems, texts);
        float[] advantages = advantages(table.total());
        return new Rollout(List.copyOf(prompts), g, completions.stream().map(Completion::promptIds).toList(),
                completions.stream().map(Completion::completionIds).toList(), texts, table.total(),
                table.byName(), advantages, null, null);
    }

    /** [B] group advantages of the B total rewards ({@link GrpoMath#groupAdvantages}). */
    private float[] advantages(double[] total) {
        try (NDManager m = manager.newSubManager()) {
            return GrpoMath.groupAdvantages(m.create(total), cfg.numGenerations(), cfg.scaleRewards())
                    .toType(DataType.FLOAT32, false).toFloatArray();
        }
    }

    /** GRPO steps taken. */
    public long stepCount() {
        return step;
    }

    /** The rollout of the last step (its samples, rewards and advantages), or null before the first step. */
    public Rollout lastRollout() {
        return lastRollout;
    }

    public CausalLm policy() {
        return policy;
    }

    public AdamW optimizer() {
        return optimizer;
    }

    /** Step, AdamW step count, RNG position (the step: sampling seeds are drawn by step), data cursor. */
    public TrainingState state() {
        return new TrainingState(step, optimizer.stepCount(), cfg.seed(), step, step * cfg.promptsPerStep(),
                Map.of("trainer", "grpo"));
    }

    /** Continues from a saved state (its AdamW moments must already be loaded into {@link #optimizer()}). */
    public void restore(TrainingState state) {
        if (state.rngSeed() != cfg.seed() || state.dataCursor() != state.step() * cfg.promptsPerStep()) {
            throw new IllegalStateException("training state (seed " + state.rngSeed() + ", cursor "
                    + state.dataCursor() + ", step " + state.step() + ") does not belong to this GRPO run (seed "
                    + cfg.seed() + ", " + cfg.promptsPerStep() + " prompts per step)");
        }
        this.step = state.step();
    }

    /** Closes the optimizer and work arrays; the policy and reference belong to the caller. */
    @Override
    public void close() {
        optimizer.close();
        manager.close();
    }
}
