package io.r1forge.activities.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

/**
 * An S3-compatible server on local disk: S3Proxy 4.x over its filesystem blob store, AWS signature V4.
 *
 * <p>Objects are plain files under {@code dataDir/<bucket>/<key>} (S3Proxy keeps ETags and user metadata
 * in extended attributes), so data survive a {@link #stop()} / {@link #start()} cycle on the same directory.
 * A restart rebinds the same port, also when the first start asked for a free port ({@code port = 0}): a
 * fault test stops the server mid-stage and clients reconnect to the same endpoint.
 */
public final class EmbeddedS3 implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path dataDir;
    private final String host;
    private final String accessKey;
    private final String secretKey;
    private int port;
    private S3Proxy proxy;
    private BlobStore blobStore;

    public EmbeddedS3(Path dataDir, String host, int port, String accessKey, String secretKey) {
        this.dataDir = dataDir.toAbsolutePath();
        this.host = host;
        this.port = port;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** Starts (or restarts) the server and waits until Jetty reports {@code STARTED}. */
    public synchronized EmbeddedS3 start() {
        if (proxy != null) {
            return this;
        }
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create S3 data directory " + dataDir, e);
        }
        Properties props = new Properties();
        props.setProperty("jclouds.filesystem.basedir", dataDir.toString());
        blobStore = BlobStores.create("filesystem", props);
        S3Proxy candidate = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://" + host + ":" + port))
                .awsAuthentication(AuthenticationType.AWS_V4, accessKey, secretKey)
                // 0 = no graceful phase: a positive timeout waits on clients' idle keep-alive connections
                // and then fails stop() with a TimeoutException.
                .stopTimeout(0)
                .build();
        try {
            candidate.start();
            awaitStarted(candidate);
        } catch (Exception e) {
            stopQuietly(candidate);
            throw new IllegalStateException("S3Proxy did not start on " + host + ":" + port, e);
        }
        proxy = candidate;
        port = candidate.getPort();
        return this;
    }

    // start() returns before Jetty has bound its connector: poll the lifecycle state.
    private static void awaitStarted(S3Proxy candidate) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!"STARTED".equals(candidate.getState())) {
            if (System.nanoTime() > deadline || "FAILED".equals(candidate.getState())) {
                throw new IllegalStateException("state " + candidate.getState());
            }
            Thread.sleep(20);
        }
    }

    /** Stops the server; the data directory is kept and {@link #start()} serves it again. */
    public synchronized void stop() {
        if (proxy == null) {
            return;
        }
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop cleanly", e);
        } finally {
            proxy = null;
            blobStore.close();
            blobStore = null;
        }
    }

    private static void stopQuietly(S3Proxy candidate) {
        try {
            candidate.stop();
        } catch (Exception ignored) {
            // the start failure is what the caller needs to see
        }
    }

    public synchronized boolean isRunning() {
        return proxy != null;
    }

    /** {@code http://host:port}; the port is the bound one after a start with port 0. */
    public synchronized String endpoint() {
        return "http://" + host + ":" + port;
    }

    public synchronized int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    @Override
    public void close() {
        stop();
    }
}
