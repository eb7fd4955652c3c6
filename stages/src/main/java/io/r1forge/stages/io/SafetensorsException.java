package io.r1forge.stages.io;

/** A safetensors file or sharded index that cannot be read or does not hold what was asked; the message says why. */
public class SafetensorsException extends RuntimeException {
    public SafetensorsException(String message) {
        super(message);
    }

    public SafetensorsException(String message, Throwable cause) {
        super(message, cause);
    }
}
