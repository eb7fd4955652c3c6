package io.r1forge.stages.model;

/** A config.json that cannot describe a supported model; the message names the field at fault. */
public final class ModelConfigException extends RuntimeException {
    public ModelConfigException(String message) {
        super(message);
    }

    public ModelConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
