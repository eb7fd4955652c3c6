package io.r1forge.stages.sft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.r1forge.stages.generate.TokenBatch;
import io.r1forge.stages.model.CausalLm;
import io.r1forge.stages.pipeline.Trainable;
import io.r1forge.stages.pipeline.TrainingLoop;
import io.r1forge.stages.tokenizer.TextTokenizer;
import io.r1forge.stages.train.AdamW;
import io.r1forge.stages.train.LrSchedule;
import io.r1forge.stages.train.TrainStep;
import io.r1forge.stages.train.TrainingState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Supervised fine-tuning: loss on completion tokens only ({@link SftLoss} with the completion mask), data
 * shuffled per epoch by seed ({@link DataOrder}), batches right padded, warm-up + cosine LR, global-norm
 * clipping, AdamW. State needed to resume exactly: the step count (which is the data cursor:
 * {@code step × batchSize}) and the AdamW moments — there is no other randomness.
 */
public final class SftTrainer implements Trainable {
    private final CausalLm model;
    private final SftSettings settings;
    private final List<int[]> prompts = new ArrayList<>();
    private final List<int[]> completions = new ArrayList<>();
    private final int padId;
    private final DataOrder order;
    private final long totalSteps;
    private final AdamW optimizer;
    private final TrainStep trainStep;
    private final NDManager manager;
    private final long seed;

    public SftTrainer(CausalLm model, TextTokenizer tokenizer, List<SftExample> data, SftSettings settings,
            long seed, NDManager parent) {
        this.model = model;
        this.settings = settings;
        this.padId = tokenizer.padId();
        for (SftExample e : data) {
            tokenize(tokenizer, e);
        }
        this.seed = seed;
        this.order = new DataOrder(prompts.size(), seed);
        long byEpochs = order.stepsFor(settings.epochs(), settings.batchSize());
        this.totalSteps = settings.maxSteps() > 0 ? Math.min(settings.maxSteps(), byEpochs) : byEpochs;
        this.manager = parent.newSubManager();
        model.setTrainable(true);
        this.optimizer = new AdamW(model.parameters(),
                AdamW.Config.defaults().withWeightDecay(settings.weightDecay()), manager);
        int warmup = (int) Math.min(settings.warmupSteps(), Math.max(0, totalSteps - 1));
        this.trainStep = new TrainStep(model.parameters(), optimizer,
                LrSchedule.cosine(settings.learningRate(), warmup, (int) Math.max(totalSteps, warmup + 1),
                        settings.minLrRatio()),
                settings.maxGradNorm());
    }

    /** Prompt ids, then completion ids + EOS truncated so the pair fits {@code maxSeqLength}. */
    private void tokenize(TextTokenizer tokenizer, SftExample e) {
        int[] p = tokenizer.encode(e.prompt());
        int[] c = tokenizer.encode(e.completion());
        int room = settings.maxSeqLength() - p.length;
        if (room < 1) {
            throw new IllegalArgumentException("prompt of example " + e.id() + " has " + p.length
                    + " tokens, no room for a completion within maxSeqLength " + settings.maxSeqLength());
        }
        int[] target = Arrays.copyOf(c, c.length + 1);
        target[c.length] = tokenizer.eosId();
        prompts.add(p);
        completions.add(target.length > room ? Arrays.copyOf(target, room) : target);
    }

    @Override
    public CausalLm model() {
        return model;
    }

    /** The data cursor is {@code step × batchSize}; no RNG is drawn (the order is a function of the seed). */
    @Override
    public TrainingState state() {
        return new TrainingState(step(), optimizer.stepCount(), seed, 0, step() * settings.batchSize(),
                Map.of("trainer", "sft"));
    }

    @Override
    public void restore(TrainingState state) {
        if (state.rngSeed() != seed || state.dataCursor() != state.step() * settings.batchSize()) {
            throw new IllegalStateException("training state (seed " + state.rngSeed() + ", cursor "
                    + state.dataCursor() + ") does not belong to this SFT run (seed " + seed + ", batch size "
                    + settings.batchSize() + ")");
        }
    }

    @Override
    public long totalSteps() {
        return totalSteps;
    }

    /** Optimizer steps taken so far. */
    @Override
    public long step() {
        return optimizer.stepCount();
    }

    @Override
    public AdamW optimizer() {
        return optimizer;
    }

    public boolean done() {
        return step() >= totalSteps;
    }

    @Override
    public Map<String, Double> trainStep() {
        return TrainingLoop.metrics(optimizerStep(), Map.of());
    }

    /** One optimizer step over the next {@code batchSize} examples (the step's loss, norm and LR). */
    public TrainStep.Result optimizerStep() {
        List<Integer> batch = order.slice(step() * settings.batchSize(), settings.batchSize());
        int micro = settings.microBatchSize();
        int k = (batch.size() + micro - 1) / micro;
        return trainStep.run(k, (i, mb) -> {
            List<Integer> part = batch.subList(i * micro, Math.min(batch.size(), (i + 1) * micro));
            // TrainStep averages the k micro-batch losses; weighting each by its share of the batch's completion
            // tokens makes the step's loss the per-token mean over the whole batch, whatever the micro-batching
            double weight = (double) tokens(part) * k / tokens(batch);
            return microBatchLoss(part, mb).mul((float) weight); // float: a double operand would promote to fp64
        }, manager);
    }

    private long tokens(List<Integer> indices) {
        return indices.stream().mapToLong(i -> completions.get(i).length).sum();
    }

    private NDArray microBatchLoss(List<Integer> indices, NDManager mb) {
        List<int[]> p = indices.stream().map(prompts::get).toList();
        List<int[]> c = indices.stream().map(completions::get).toList();
        TokenBatch tb = TokenBatch.of(mb, p, c, padId);
        NDArray logits = model.forward(tb.inputIds(), tb.attentionMask(), null); // [B, T, V]
        return SftLoss.maskedNll(logits, tb.inputIds(), tb.completionMask());
    }

    @Override
    public void close() {
        optimizer.close();
        manager.close();
    }
}
