package io.r1forge.activities;

import io.r1forge.activities.embedded.EmbeddedS3;
import io.r1forge.activities.embedded.EmbeddedTemporal;
import io.r1forge.activities.store.ArtifactStore;
import io.r1forge.activities.store.S3Config;
import io.r1forge.activities.run.TemporalConnection;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.nio.file.Path;

/**
 * The real embedded stack for tests: Temporal test server and S3Proxy on free ports of 127.0.0.1 with data in a
 * temp directory, a client, a store, and (optionally) workers for both queues in this JVM.
 */
public final class EmbeddedStack implements AutoCloseable {
    public final EmbeddedTemporal temporal;
    public final EmbeddedS3 s3;
    public final S3Config s3Config;
    public final ArtifactStore store;
    public final WorkflowServiceStubs stubs;
    public final WorkflowClient client;
    private Workers workers;

    public EmbeddedStack(Path dir) {
        temporal = new EmbeddedTemporal("127.0.0.1", 0);
        s3 = new EmbeddedS3(dir.resolve("s3"), "127.0.0.1", 0, S3Config.DEFAULT_ACCESS_KEY,
                S3Config.DEFAULT_SECRET_KEY).start();
        s3Config = S3Config.embedded(s3.endpoint());
        store = ArtifactStore.connect(s3Config);
        TemporalConnection connection = TemporalConnection.plain(temporal.target());
        stubs = connection.stubs();
        client = connection.client(stubs);
    }

    /** Workers for both queues; {@code fault} may throw at a step to simulate a crash. */
    public EmbeddedStack withWorkers(Path workRoot, ResumeCheckpointer.StepFault fault) {
        workers = Workers.start(client, store, Workers.Queue.ALL, new StageActivitiesImpl(store, workRoot, fault));
        return this;
    }

    /** Points {@code S3Config.fromEnvironment()} (the CLI's) at this stack's S3. */
    public void exportS3Properties() {
        System.setProperty("r1.s3.endpoint", s3.endpoint());
    }

    @Override
    public void close() throws Exception {
        if (workers != null) {
            workers.close();
        }
        stubs.shutdownNow();
        store.close();
        temporal.close();
        s3.stop();
        System.clearProperty("r1.s3.endpoint");
    }
}
