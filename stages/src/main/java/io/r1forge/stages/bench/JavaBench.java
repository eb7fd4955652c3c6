package io.r1forge.stages.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.r1forge.stages.generate.Completion;
import io.r1forge.stages.generate.GenerationConfig;
import io.r1forge.stages.generate.Generator;
import io.r1forge.stages.io.NdArrays;
import io.r1forge.stages.io.Safetensors;
import io.r1forge.stages.model.CausalLm;
import io.r1forge.stages.model.ModelConfig;
import io.r1forge.stages.train.AdamW;
import io.r1forge.stages.train.LrSchedule;
import io.r1forge.stages.train.TrainStep;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The Java side of the model benchmark: the project's {@link CausalLm}, {@link TrainStep} + {@link AdamW} and
 * {@link Generator} on random tokens. The Python reference ({@code bench_reference.py}) repeats the same work on
 * the same weights.
 */
final class JavaBench implements AutoCloseable {
    /** Learning rate and clipping as in the training stages; their values do not change the cost of a step. */
    static final double LEARNING_RATE = 1e-4;
    static final double MAX_GRAD_NORM = 1.0;

    private final BenchSettings settings;
    private final NDManager manager;
    private final CausalLm model;
    private final SplittableRandom rng;

    JavaBench(ModelConfig config, BenchSettings settings, NDManager parent) {
        this.settings = settings;
        this.manager = parent.newSubManager();
        this.model = CausalLm.initialize(config, settings.seed(), manager);
        this.rng = new SplittableRandom(settings.seed());
    }

    long parameterCount() {
        return model.parameterCount();
    }

    /** Writes {@code config.json} and {@code model.safetensors} (the weights before any training round). */
    void saveCheckpoint(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("config.json"), model.config().toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir, e);
        }
        Safetensors.write(dir.resolve(Safetensors.MODEL_FILE), NdArrays.toHostMap(model.parameters()));
    }

    /** One timed round of {@code phase}, as {@link PythonReference#round} runs it on the other side; tokens/s. */
    double round(Phase phase) {
        return switch (phase) {
            case TRAIN -> trainRound();
            case GENERATE -> generateRound();
        };
    }

    /**
     * Training throughput with a fresh AdamW: {@code warmupSteps} untimed then {@code steps} timed optimizer
     * steps, each a forward pass on [B, T] random tokens, the next-token cross-entropy, backward, global-norm
     * clipping and AdamW.
     *
     * @return tokens per second, {@code steps × B × T / seconds}
     */
    double trainRound() {
        model.setTrainable(true);
        try (AdamW adamW = new AdamW(model.parameters(), AdamW.Config.defaults(), manager)) {
            TrainStep step = new TrainStep(model.parameters(), adamW, LrSchedule.constant(LEARNING_RATE),
                    MAX_GRAD_NORM);
            for (int i = 0; i < settings.warmupSteps(); i++) {
                step.run(1, this::randomBatchLoss, manager);
            }
            long start = System.nanoTime();
            for (int i = 0; i < settings.steps(); i++) {
                step.run(1, this::randomBatchLoss, manager);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return settings.steps() * settings.trainTokensPerStep() / seconds;
        } finally {
            model.setTrainable(false);
        }
    }

    /**
     * Mean next-token cross-entropy on a fresh random batch: {@code -mean log softmax(logits[:, t])[x_{t+1}]}.
     */
    private NDArray randomBatchLoss(int microBatch, NDManager step) {
        int b = settings.batch();
        int t = settings.seqLen();
        NDArray tokens = step.randomInteger(0, model.config().vocabSize(), new Shape(b, t + 1), DataType.INT64);
        NDArray inputs = tokens.get(new NDIndex(":, :-1")); // [B, T]
        NDArray targets = tokens.get(new NDIndex(":, 1:")).expandDims(-1); // [B, T, 1]
        NDArray logits = model.forward(inputs, null, null); // [B, T, V]
        NDArray logp = logits.logSoftmax(-1).gather(targets, -1); // [B, T, 1]
        return logp.mean().neg();
    }

    /**
     * Sampling throughput: {@code genBatch} random prompts of {@code promptLen} tokens, {@code newTokens} sampled
     * each at temperature 1 with the KV cache (no end-of-sequence: every row runs to the limit).
     *
     * @return generated tokens per second (prompt prefill included in the time, not in the count)
     */
    double generateRound() {
        List<int[]> prompts = new ArrayList<>();
        for (int i = 0; i < settings.genBatch(); i++) {
            prompts.add(rng.ints(settings.promptLen(), 0, model.config().vocabSize()).toArray());
        }
        Generator generator = new Generator(model, new RandomTokens(model.config().vocabSize()));
        GenerationConfig cfg = GenerationConfig.sampling(settings.newTokens(), 1.0);
        long start = System.nanoTime();
        List<Completion> out = generator.generate(prompts, cfg, rng.nextLong());
        double seconds = (System.nanoTime() - start) / 1e9;
        long tokens = out.stream().mapToLong(c -> c.completionIds().length).sum();
        return tokens / seconds;
    }

    /** fp32 {@code n × n} matmul throughput in GFLOP/s ({@code 2n³} FLOPs per product), best of 3 timings. */
    static double matmulGflops(NDManager parent, int n, int repeats) {
        try (NDManager m = parent.newSubManager()) {
            NDArray a = m.randomNormal(new Shape(n, n));
            NDArray b = m.randomNormal(new Shape(n, n));
            a.matMul(b).close(); // warm-up: thread pool and allocator
            double best = 0;
            for (int trial = 0; trial < 3; trial++) {
                long start = System.nanoTime();
                for (int i = 0; i < repeats; i++) {
                    try (NDManager s = m.newSubManager()) {
                        NDArray c = a.matMul(b);
                        c.attach(s); // PyTorch runs eagerly on CPU: the product is done when matMul returns
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                best = Math.max(best, 2.0 * n * n * n * repeats / seconds / 1e9);
            }
            return best;
        }
    }

    @Override
    public void close() {
        model.close();
        manager.close();
    }
}
