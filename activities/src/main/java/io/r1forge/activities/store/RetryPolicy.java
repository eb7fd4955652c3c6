package io.r1forge.activities.store;

import io.minio.errors.ErrorResponseException;
import java.io.IOException;
import java.time.Duration;

/**
 * Retries S3 calls that failed for a transient reason (connection refused or reset, timeouts, HTTP 5xx / 429)
 * with exponential backoff until a total deadline, so that an S3 server restarting for ~30 s slows a stage
 * down instead of failing it. Permanent errors (4xx: missing key, bad credentials) fail at once.
 *
 * <p>Backoff after the n-th failure: {@code min(initialBackoff · 2^(n-1), maxBackoff)}.
 *
 * @param deadline total time from the first attempt after which the last failure is thrown (default 120 s)
 */
public record RetryPolicy(Duration deadline, Duration initialBackoff, Duration maxBackoff) {
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(Duration.ofSeconds(120), Duration.ofMillis(250), Duration.ofSeconds(5));

    /** One S3 call; it is re-run from the start on a transient failure, so it must be repeatable. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws Exception;
    }

    public RetryPolicy withDeadline(Duration newDeadline) {
        return new RetryPolicy(newDeadline, initialBackoff, maxBackoff);
    }

    /**
     * Runs {@code call}, retrying transient failures.
     *
     * @param what a few words for the error message, e.g. {@code "upload artifacts/x/files/model.safetensors"}
     * @throws StoreException when the deadline passes or the failure is permanent
     */
    public <T> T run(String what, Call<T> call) {
        long start = System.nanoTime();
        long backoff = initialBackoff.toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (StoreException e) {
                throw e;
            } catch (Exception e) {
                long elapsed = System.nanoTime() - start;
                if (!isTransient(e)) {
                    throw new StoreException("S3 " + what + " failed: " + e.getMessage(), e);
                }
                if (elapsed + backoff * 1_000_000L > deadline.toNanos()) {
                    throw new StoreException("S3 " + what + " still failing after " + attempt + " attempts in "
                            + Duration.ofNanos(elapsed).toSeconds() + " s (deadline " + deadline.toSeconds()
                            + " s): " + e, e);
                }
                sleep(backoff);
                backoff = Math.min(backoff * 2, maxBackoff.toMillis());
            }
        }
    }

    /**
     * Transient: an HTTP 5xx/429 answer, or an I/O failure anywhere in the cause chain (minio 9 wraps a refused
     * connection in an unchecked {@code IllegalStateException}, not a {@code MinioException}).
     */
    static boolean isTransient(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof ErrorResponseException err) {
                int status = err.response() == null ? 0 : err.response().code();
                return status >= 500 || status == 429;
            }
            if (c instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting to retry an S3 call", ie);
        }
    }
}
