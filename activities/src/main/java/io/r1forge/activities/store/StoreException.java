package io.r1forge.activities.store;

/** An artifact-store operation failed (S3 unreachable past the retry deadline, or a permanent S3 error). */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
