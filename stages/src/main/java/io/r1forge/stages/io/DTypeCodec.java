package io.r1forge.stages.io;

import java.nio.ByteBuffer;

/** Upcasts little-endian element bytes to fp32, in Java (DJL's own BF16 path aborts the JVM on CPU). */
final class DTypeCodec {
    private DTypeCodec() {}

    /** Decodes {@code count} elements from {@code src} (little-endian, positioned) into {@code out[off..]}. */
    static void decode(DType dtype, ByteBuffer src, float[] out, int off, int count) {
        switch (dtype) {
            case F32 -> src.asFloatBuffer().get(out, off, count);
            case F16 -> {
                for (int i = 0; i < count; i++) {
                    out[off + i] = halfToFloat(src.getShort(2 * i));
                }
            }
            case BF16 -> {
                for (int i = 0; i < count; i++) {
                    out[off + i] = bf16ToFloat(src.getShort(2 * i));
                }
            }
            case F64 -> {
                for (int i = 0; i < count; i++) {
                    out[off + i] = (float) src.getDouble(8 * i);
                }
            }
            case I64 -> {
                for (int i = 0; i < count; i++) {
                    out[off + i] = src.getLong(8 * i);
                }
            }
            case I32 -> {
                for (int i = 0; i < count; i++) {
                    out[off + i] = src.getInt(4 * i);
                }
            }
        }
    }

    /** bfloat16 is the top half of an fp32: shifting the bits back is exact (NaN payloads included). */
    static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }

    /**
     * IEEE 754 binary16 to binary32, exact: sign 1, exponent 5 (bias 15), mantissa 10. Subnormals are
     * normalised; Inf/NaN keep their payload shifted into the fp32 mantissa.
     */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            if (mant == 0) {
                return Float.intBitsToFloat(sign);
            }
            // subnormal: value = mant * 2^-24
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }
}
