package io.r1forge.stages.bench;

import java.util.List;

/**
 * Everything one {@code r1 bench model} run measured.
 *
 * @param javaThreads libtorch intra-op threads on the Java side
 * @param javaMatmulGflops fp32 n × n matmul throughput through DJL (n = {@code settings.matmulSize()}): the
 *     machine's peak for this comparison
 * @param python the Python reference, null when it did not run
 */
public record BenchReport(
        BenchSettings settings,
        int javaThreads,
        double javaMatmulGflops,
        PythonInfo python,
        List<PhaseResult> results) {

    /** FLOPs per trained token: {@code 6 × params} (2 forward + 4 backward per weight; attention ignored). */
    public static final int TRAIN_FLOPS_PER_PARAM_TOKEN = 6;

    public BenchReport {
        results = List.copyOf(results);
    }

    /**
     * Fraction of the Java matmul peak a training step reaches:
     * {@code 6 × params × tokens/s / (peak GFLOP/s × 1e9)}.
     */
    public static double peakFraction(long params, double tokensPerSecond, double peakGflops) {
        return TRAIN_FLOPS_PER_PARAM_TOKEN * (double) params * tokensPerSecond / (peakGflops * 1e9);
    }
}
