package io.r1forge.stages.bench;

import java.util.List;

/**
 * What one {@code r1 bench model} run measures; the same values drive the Java and the Python side.
 *
 * @param configs model presets to measure ({@code tiny}, {@code small})
 * @param vocabSize vocabulary of the benchmark models (random tokens, so only the size matters)
 * @param rounds alternating Java/Python rounds per measurement; the median is reported
 * @param threads intra-op threads for libtorch on both sides
 * @param batch training batch (sequences per step)
 * @param seqLen training sequence length (tokens per sequence)
 * @param steps timed training steps per round
 * @param warmupSteps untimed training steps at the start of each round (fresh optimizer)
 * @param genBatch prompts sampled together
 * @param promptLen tokens per prompt
 * @param newTokens tokens sampled per prompt (temperature 1, no early stop)
 * @param seed weights, token batches and sampling
 * @param matmulSize n of the fp32 n × n matmul that measures the peak (1024)
 */
public record BenchSettings(
        List<String> configs,
        int vocabSize,
        int rounds,
        int threads,
        int batch,
        int seqLen,
        int steps,
        int warmupSteps,
        int genBatch,
        int promptLen,
        int newTokens,
        long seed,
        int matmulSize) {

    public BenchSettings {
        configs = List.copyOf(configs);
        positive("--rounds", rounds);
        positive("--threads", threads);
        positive("--batch", batch);
        positive("--seq-len", seqLen);
        positive("--steps", steps);
        positive("--gen-batch", genBatch);
        positive("--prompt-len", promptLen);
        positive("--new-tokens", newTokens);
        positive("--matmul-size", matmulSize);
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("--warmup must be >= 0, was " + warmupSteps);
        }
    }

    private static void positive(String option, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(option + " must be > 0, was " + value);
        }
    }

    /** Tokens one training step processes: {@code batch × seqLen}. */
    public long trainTokensPerStep() {
        return (long) batch * seqLen;
    }
}
