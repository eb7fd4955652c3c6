package io.r1forge.stages.io;

/** A checkpoint directory that cannot be loaded or written; the message names the file or field. */
public class CheckpointException extends RuntimeException {
    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
