package io.r1forge.cli.commands;

import io.r1forge.activities.run.TemporalConnection;
import io.r1forge.activities.store.ArtifactStore;
import io.r1forge.activities.store.RunCatalog;
import io.r1forge.activities.store.S3Config;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Options every orchestration verb shares: where Temporal is (target, namespace, mutual TLS). S3 comes from the
 * environment ({@code R1_S3_ENDPOINT}, {@code R1_S3_ACCESS_KEY}, {@code R1_S3_SECRET_KEY}, {@code R1_S3_BUCKET},
 * {@code R1_S3_REGION}; defaults = the embedded stack of {@code r1 up}), so credentials never appear on a
 * command line.
 */
public final class ConnectionOptions {
    @Option(names = "--temporal", paramLabel = "HOST:PORT",
            defaultValue = "${env:R1_TEMPORAL_TARGET:-" + TemporalConnection.DEFAULT_TARGET + "}",
            description = "Temporal frontend (default ${DEFAULT-VALUE}; env R1_TEMPORAL_TARGET)")
    String target;

    @Option(names = "--namespace", paramLabel = "NS",
            defaultValue = "${env:R1_TEMPORAL_NAMESPACE:-" + TemporalConnection.DEFAULT_NAMESPACE + "}",
            description = "Temporal namespace (default ${DEFAULT-VALUE}; env R1_TEMPORAL_NAMESPACE)")
    String namespace;

    @Option(names = "--tls-cert", paramLabel = "PEM", defaultValue = "${env:R1_TEMPORAL_TLS_CERT}",
            description = "client certificate for mutual TLS (env R1_TEMPORAL_TLS_CERT)")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", defaultValue = "${env:R1_TEMPORAL_TLS_KEY}",
            description = "client key, PKCS#8 (env R1_TEMPORAL_TLS_KEY)")
    Path tlsKey;

    public TemporalConnection temporal() {
        return new TemporalConnection(target, namespace, tlsCert, tlsKey);
    }

    /** Connects to Temporal and S3; close the session when done. */
    public Session open() {
        TemporalConnection t = temporal();
        WorkflowServiceStubs stubs = t.stubs();
        ArtifactStore store = ArtifactStore.connect(S3Config.fromEnvironment());
        return new Session(stubs, t.client(stubs), store, new RunCatalog(store.blobs()));
    }

    /** An open connection to Temporal and the artifact store. */
    public record Session(WorkflowServiceStubs stubs, WorkflowClient client, ArtifactStore store, RunCatalog catalog)
            implements AutoCloseable {
        @Override
        public void close() throws Exception {
            stubs.shutdown();
            store.close();
        }
    }
}
