package io.r1forge.stages.io;

import ai.djl.ndarray.types.DataType;

/** Guards dtype requests before they reach DJL, whose BF16 path kills the JVM on CPU (DESIGN §6). */
public final class DTypes {
    private DTypes() {}

    /** Thrown for a dtype this build refuses; the message says what to do instead. */
    public static final class UnsupportedDTypeException extends IllegalArgumentException {
        public UnsupportedDTypeException(String message) {
            super(message);
        }
    }

    /**
     * Refuses BF16 (and any non-fp32 compute dtype) on CPU; checks only the enum, so it never touches a
     * native BF16 op.
     */
    public static DataType requireSupportedOnCpu(DataType type) {
        if (type == DataType.BFLOAT16) {
            throw new UnsupportedDTypeException("bfloat16 is not supported on CPU by DJL 0.36 (the JVM aborts on"
                    + " any BF16 cast); load BF16 weights as F32 — Safetensors.read upcasts them");
        }
        if (type != DataType.FLOAT32) {
            throw new UnsupportedDTypeException("model weights must be float32 on CPU, got " + type
                    + "; Safetensors.read upcasts F16/BF16/F64 files to F32");
        }
        return type;
    }

    /** As {@link #requireSupportedOnCpu(DataType)} for a Hugging Face {@code torch_dtype} name ("bfloat16"). */
    public static DataType requireSupportedOnCpu(String torchDtype) {
        DataType t = switch (torchDtype) {
            case "bfloat16", "bf16" -> DataType.BFLOAT16;
            case "float32", "fp32", "float" -> DataType.FLOAT32;
            case "float16", "fp16", "half" -> DataType.FLOAT16;
            case "float64", "double" -> DataType.FLOAT64;
            default -> throw new UnsupportedDTypeException("unknown dtype '" + torchDtype + "'");
        };
        return requireSupportedOnCpu(t);
    }
}
