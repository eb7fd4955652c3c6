package io.r1forge.tests.harness;

import io.r1forge.activities.embedded.EmbeddedS3;
import io.r1forge.activities.embedded.EmbeddedTemporal;
import io.r1forge.activities.store.ArtifactStore;
import io.r1forge.activities.store.RunCatalog;
import io.r1forge.activities.store.S3Config;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The embedded stack of DESIGN §5 inside the test JVM: a real Temporal gRPC server ({@link EmbeddedTemporal}) and
 * a real S3 server ({@link EmbeddedS3}), both on free ports of 127.0.0.1, with the S3 data under {@code dir/s3}.
 * Workers are not here: they are child JVMs ({@link WorkerProcess}) so a test can kill one with SIGKILL.
 *
 * <p>Both servers can be stopped and started again on the same port: S3 keeps its data (it is on disk), Temporal
 * loses its history (it is in memory), which is how a fault test produces an interrupted run.
 */
public final class EmbeddedStack implements AutoCloseable {
    public static final String HOST = "127.0.0.1";

    private final Path dir;
    private final EmbeddedS3 s3;
    private final int temporalPort;
    private EmbeddedTemporal temporal;
    private WorkflowServiceStubs stubs;
    private WorkflowClient client;
    private ArtifactStore store;

    private EmbeddedStack(Path dir) {
        this.dir = dir;
        this.s3 = new EmbeddedS3(dir.resolve("s3"), HOST, 0, S3Config.DEFAULT_ACCESS_KEY,
                S3Config.DEFAULT_SECRET_KEY).start();
        this.temporalPort = freePort();
        startTemporal();
        this.store = ArtifactStore.connect(s3Config());
    }

    /** Starts both servers; {@code dir} holds the S3 data, worker logs and the runs' scratch files. */
    public static EmbeddedStack start(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EmbeddedStack(dir.toAbsolutePath());
    }

    private void startTemporal() {
        temporal = new EmbeddedTemporal(HOST, temporalPort);
        stubs = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
        client = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().build());
    }

    /**
     * Stops the Temporal server and starts a fresh one on the same port: every workflow is gone (history is in
     * memory), workers reconnect by themselves.
     */
    public synchronized void restartTemporal() {
        stubs.shutdownNow();
        temporal.close();
        startTemporal();
    }

    public synchronized void stopS3() {
        s3.stop();
    }

    /** Starts S3 again on the same port and data directory. */
    public synchronized void startS3() {
        s3.start();
    }

    public synchronized WorkflowClient client() {
        return client;
    }

    /**
     * Ids of every workflow execution the server knows, open and closed (the embedded server implements these two
     * list calls, not the visibility queries, DESIGN §6).
     */
    public synchronized Set<String> workflowIds() {
        String ns = client.getOptions().getNamespace();
        Set<String> ids = new TreeSet<>();
        stubs.blockingStub().listOpenWorkflowExecutions(ListOpenWorkflowExecutionsRequest.newBuilder()
                        .setNamespace(ns).setMaximumPageSize(1000).build())
                .getExecutionsList().forEach(e -> ids.add(e.getExecution().getWorkflowId()));
        stubs.blockingStub().listClosedWorkflowExecutions(ListClosedWorkflowExecutionsRequest.newBuilder()
                        .setNamespace(ns).setMaximumPageSize(1000).build())
                .getExecutionsList().forEach(e -> ids.add(e.getExecution().getWorkflowId()));
        return ids;
    }

    /** {@code 127.0.0.1:<port>}, stable across {@link #restartTemporal()}. */
    public String temporalTarget() {
        return HOST + ":" + temporalPort;
    }

    public S3Config s3Config() {
        return S3Config.embedded(s3.endpoint());
    }

    public ArtifactStore store() {
        return store;
    }

    public RunCatalog catalog() {
        return new RunCatalog(store.blobs());
    }

    public Path dir() {
        return dir;
    }

    /** Where S3Proxy keeps the object {@code key} of the bucket as a plain file. */
    public Path objectFile(String key) {
        return s3.dataDir().resolve(s3Config().bucket()).resolve(key);
    }

    /** The environment a worker or CLI child process needs to reach this stack's S3 (names of {@link S3Config}). */
    public Map<String, String> s3Env() {
        S3Config c = s3Config();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("R1_S3_ENDPOINT", c.endpoint());
        env.put("R1_S3_ACCESS_KEY", c.accessKey());
        env.put("R1_S3_SECRET_KEY", c.secretKey());
        env.put("R1_S3_BUCKET", c.bucket());
        env.put("R1_S3_REGION", c.region());
        return env;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    @Override
    public synchronized void close() throws Exception {
        stubs.shutdownNow();
        temporal.close();
        store.close();
        s3.close();
    }
}
