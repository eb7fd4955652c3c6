package io.r1forge.stages.pretrain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.r1forge.stages.eval.EvalReport;
import io.r1forge.stages.eval.Evaluator;
import io.r1forge.stages.model.CausalLm;
import io.r1forge.stages.pipeline.Trainable;
import io.r1forge.stages.pipeline.TrainingLoop;
import io.r1forge.stages.sft.SftLoss;
import io.r1forge.stages.tasks.Problem;
import io.r1forge.stages.tokenizer.TextTokenizer;
import io.r1forge.stages.train.AdamW;
import io.r1forge.stages.train.LrSchedule;
import io.r1forge.stages.train.TrainStep;
import io.r1forge.stages.train.TrainingState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Next-token pre-training on packed corpus documents (loss on every token), with held-out greedy and sampled
 * pass@1 every {@code evalEvery} steps: loss is a poor readiness signal for the tiny world (it nears its floor
 * long before the arithmetic is learnt, DESIGN §3), greedy pass@1 is the one to watch.
 */
public final class PretrainTrainer implements Trainable {
    private final CausalLm model;
    private final PretrainSettings settings;
    private final PackedDocuments data;
    private final AdamW optimizer;
    private final TrainStep trainStep;
    private final NDManager manager;
    private final Evaluator evaluator;
    private final List<Problem> heldOut;
    private final long seed;

    public PretrainTrainer(CausalLm model, TextTokenizer tokenizer, LongFunction<String> documents,
            PretrainSettings settings, Evaluator evaluator, List<Problem> heldOut, long seed, NDManager parent) {
        this.model = model;
        this.settings = settings;
        this.data = new PackedDocuments(documents, tokenizer, settings.seqLength());
        this.evaluator = evaluator;
        this.heldOut = heldOut;
        this.seed = seed;
        this.manager = parent.newSubManager();
        model.setTrainable(true);
        this.optimizer = new AdamW(model.parameters(),
                AdamW.Config.defaults().withWeightDecay(settings.weightDecay()), manager);
        int warmup = Math.min(settings.warmupSteps(), settings.steps() - 1);
        this.trainStep = new TrainStep(model.parameters(), optimizer,
                LrSchedule.cosine(settings.learningRate(), warmup, Math.max(settings.steps(), warmup + 1),
                        settings.minLrRatio()), settings.maxGradNorm());
    }

    @Override
    public Map<String, Double> trainStep() {
        TrainStep.Result r = optimizerStep();
        return TrainingLoop.metrics(r, progressEval(r.step()));
    }

    private TrainStep.Result optimizerStep() {
        long[] ids = new long[settings.batchSize() * settings.seqLength()];
        for (int b = 0; b < settings.batchSize(); b++) {
            System.arraycopy(data.nextRow(), 0, ids, b * settings.seqLength(), settings.seqLength());
        }
        return trainStep.run(1, (i, mb) -> {
            Shape shape = new Shape(settings.batchSize(), settings.seqLength());
            NDArray input = mb.create(ids, shape); // [B, T]
            NDArray mask = mb.ones(shape, ai.djl.ndarray.types.DataType.INT64); // [B, T] every token learnt
            return SftLoss.maskedNll(model.forward(input, mask, null), input, mask);
        }, manager);
    }

    /** Held-out greedy and sampled pass@1 every {@code evalEvery} steps and at the last step. */
    private Map<String, Double> progressEval(long step) {
        boolean due = step == settings.steps() || (settings.evalEvery() > 0 && step % settings.evalEvery() == 0);
        if (!due || heldOut.isEmpty()) {
            return Map.of();
        }
        EvalReport r = evaluator.evaluate("pretrain@" + step, heldOut, seed + step).report();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("greedy_pass@1", r.greedyPassAt1());
        m.put("pass@1", r.passAt1());
        m.put("format", r.formatRate());
        return m;
    }

    @Override
    public TrainingState state() {
        return new TrainingState(step(), optimizer.stepCount(), seed, 0, data.cursor(), Map.of("trainer", "pretrain"));
    }

    @Override
    public void restore(TrainingState state) {
        data.seek(state.dataCursor());
    }

    @Override
    public long step() {
        return optimizer.stepCount();
    }

    @Override
    public long totalSteps() {
        return settings.steps();
    }

    @Override
    public CausalLm model() {
        return model;
    }

    @Override
    public AdamW optimizer() {
        return optimizer;
    }

    @Override
    public void close() {
        optimizer.close();
        manager.close();
    }
}
