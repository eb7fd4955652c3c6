package io.r1forge.stages.io;

import java.util.Locale;

/**
 * Element types of a safetensors file that this project reads. Every type is upcast to fp32 on the host
 * ({@link HostTensor#data()}); only {@link #F32} is written.
 */
public enum DType {
    F32(4),
    F16(2),
    BF16(2),
    F64(8),
    /** Read as float: exact only for |x| < 2^24 (position ids, masks); weights are never integer. */
    I64(8),
    I32(4);

    private final int byteSize;

    DType(int byteSize) {
        this.byteSize = byteSize;
    }

    /** Bytes per element in the file. */
    public int byteSize() {
        return byteSize;
    }

    /** Parses a safetensors dtype name ("F32", "BF16", ...); the error names the unknown dtype and the tensor. */
    public static DType parse(String name, String tensor) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SafetensorsException(
                    "unknown dtype '" + name + "' of tensor '" + tensor + "' (supported: F32, F16, BF16, F64, I64, I32)");
        }
    }
}
