package io.r1forge.activities.store;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Streams metric rows (one JSON object per line) of one stage attempt to S3 as immutable chunks
 * {@code runs/<runId>/metrics/<stage>/<attempt>/chunk-00001.jsonl}, cut every {@code rowsPerChunk} rows or every
 * {@code flushInterval}, whichever comes first, so the console can plot a running stage.
 *
 * <p>Uploads run on a background thread: an S3 outage delays the chunks (each retried up to the store's
 * deadline) but does not block the training loop that appends. A chunk that finally fails makes the next
 * {@link #append} or {@link #close} throw. A writer reopened for the same attempt continues after the last
 * existing chunk instead of overwriting it.
 */
public final class MetricsWriter implements AutoCloseable {
    private final S3Blobs blobs;
    private final String prefix;
    private final int rowsPerChunk;
    private final ExecutorService uploader = Executors.newSingleThreadExecutor(daemon("metrics-upload"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("metrics-flush"));
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final StringBuilder buffer = new StringBuilder();
    private int bufferedRows;
    private int nextChunk;
    private boolean closed;

    public MetricsWriter(S3Blobs blobs, String runId, String stage, int attempt, int rowsPerChunk,
            Duration flushInterval) {
        this.blobs = blobs;
        this.prefix = prefix(runId, stage, attempt);
        this.rowsPerChunk = rowsPerChunk;
        this.nextChunk = lastChunk(blobs.list(prefix)) + 1;
        long millis = flushInterval.toMillis();
        timer.scheduleAtFixedRate(this::flush, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** {@code runs/<runId>/metrics/<stage>/<attempt>/}. */
    public static String prefix(String runId, String stage, int attempt) {
        return "runs/" + runId + "/metrics/" + stage + "/" + attempt + "/";
    }

    static String chunkName(int n) {
        return String.format("chunk-%05d.jsonl", n);
    }

    static int lastChunk(List<String> keys) {
        int last = 0;
        for (String key : keys) {
            String name = key.substring(key.lastIndexOf('/') + 1);
            if (name.matches("chunk-\\d{5,}\\.jsonl")) {
                last = Math.max(last, Integer.parseInt(name.substring(6, name.length() - 6)));
            }
        }
        return last;
    }

    /** Adds one row, e.g. {@code {step: 12, loss: 0.41, reward_mean: 0.62}}. */
    public synchronized void append(Map<String, ?> row) {
        throwIfFailed();
        if (closed) {
            throw new IllegalStateException("metrics writer for " + prefix + " is closed");
        }
        buffer.append(StoreJson.writeLine(row)).append('\n');
        if (++bufferedRows >= rowsPerChunk) {
            cutChunk();
        }
    }

    /** Sends the buffered rows as a chunk now (no-op when empty). */
    public synchronized void flush() {
        if (bufferedRows > 0) {
            cutChunk();
        }
    }

    private void cutChunk() {
        String key = prefix + chunkName(nextChunk++);
        byte[] body = buffer.toString().getBytes(StandardCharsets.UTF_8);
        buffer.setLength(0);
        bufferedRows = 0;
        uploader.execute(() -> {
            try {
                blobs.putBytes(key, body);
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        });
    }

    private void throwIfFailed() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw new StoreException("metrics upload to " + prefix + " failed", e);
        }
    }

    /** Flushes the remaining rows and waits until every chunk is stored. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            flush();
            closed = true;
        }
        timer.shutdownNow();
        uploader.shutdown();
        try {
            long waitMillis = blobs.retryPolicy().deadline().toMillis() + 60_000;
            if (!uploader.awaitTermination(waitMillis, TimeUnit.MILLISECONDS)) {
                throw new StoreException("metrics chunks of " + prefix + " still uploading after " + waitMillis + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while flushing metrics of " + prefix, e);
        }
        throwIfFailed();
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Rows of one attempt in order: every chunk concatenated. */
    public static List<String> readLines(S3Blobs blobs, String runId, String stage, int attempt) {
        List<String> lines = new ArrayList<>();
        for (String key : blobs.list(prefix(runId, stage, attempt))) {
            byte[] chunk = blobs.getBytes(key).orElseThrow(() -> new StoreException("chunk vanished: " + key));
            for (String line : new String(chunk, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isEmpty()) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    /** Rows of one attempt parsed as JSON objects. */
    public static List<Map<String, Object>> readRows(S3Blobs blobs, String runId, String stage, int attempt) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String line : readLines(blobs, runId, stage, attempt)) {
            rows.add(StoreJson.readMap(line));
        }
        return rows;
    }
}
