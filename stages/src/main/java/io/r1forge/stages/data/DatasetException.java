package io.r1forge.stages.data;

/** A data file that cannot be read; the message names the file and line at fault. */
public final class DatasetException extends RuntimeException {
    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
