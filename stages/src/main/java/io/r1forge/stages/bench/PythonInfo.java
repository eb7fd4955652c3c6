package io.r1forge.stages.bench;

/**
 * The Python reference process as it reported itself.
 *
 * @param blas the BLAS library torch actually loaded (path from {@code /proc/self/maps})
 * @param openBlas whether that library is OpenBLAS (a fair comparison) rather than the reference BLAS
 * @param threads {@code torch.get_num_threads()} after {@code set_num_threads}
 * @param matmulGflops fp32 n × n matmul GFLOP/s measured by torch in the same run
 */
public record PythonInfo(
        String python, String torch, String blas, boolean openBlas, int threads, double matmulGflops) {}
