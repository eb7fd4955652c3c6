package io.r1forge.stages.io;

import java.util.Arrays;

/**
 * A tensor in Java memory, row-major, fp32 after upcast.
 *
 * @param dtype the element type it had in the file (data is always fp32)
 * @param shape dimensions, outermost first ({@code []} for a scalar)
 * @param data {@code product(shape)} values, row-major
 */
public record HostTensor(DType dtype, long[] shape, float[] data) {
    public HostTensor {
        long n = numel(shape);
        if (n != data.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " holds " + n + " values, data has " + data.length);
        }
    }

    /** An fp32 tensor. */
    public static HostTensor f32(long[] shape, float[] data) {
        return new HostTensor(DType.F32, shape, data);
    }

    /** Number of elements of a shape (1 for a scalar). */
    public static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostTensor t
                && t.dtype == dtype
                && Arrays.equals(t.shape, shape)
                && Arrays.equals(t.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "HostTensor[" + dtype + " " + Arrays.toString(shape) + "]";
    }
}
