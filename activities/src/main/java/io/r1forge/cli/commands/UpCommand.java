package io.r1forge.cli.commands;

import io.r1forge.activities.embedded.EmbeddedS3;
import io.r1forge.activities.embedded.EmbeddedTemporal;
import io.r1forge.activities.run.RunLauncher;
import io.r1forge.activities.run.TemporalConnection;
import io.r1forge.activities.store.ArtifactStore;
import io.r1forge.activities.store.RunCatalog;
import io.r1forge.activities.store.RunRecord;
import io.r1forge.activities.store.RunState;
import io.r1forge.activities.store.S3Config;
import io.r1forge.stages.spec.PipelineSpec;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code r1 up}: the embedded stack on one machine — Temporal test server on 127.0.0.1:7233, S3Proxy on
 * 127.0.0.1:9000 with data on disk, and a worker for both queues — until Ctrl-C.
 *
 * <p>The worker is a <b>child JVM</b> ({@code r1 worker --queue all}), supervised and restarted if it dies: a
 * libtorch abort or an out-of-memory in a stage then kills only the worker, not the servers whose in-memory
 * workflow history every run depends on; and a fault test can {@code kill -9} the worker alone (its pid is
 * printed) and watch the stage resume from its heartbeat in the restarted one.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Start the embedded stack: Temporal (127.0.0.1:7233), S3 (127.0.0.1:9000, data on disk) and a"
                + " worker (child JVM, restarted if it dies). Ctrl-C stops everything.",
            "On start, runs whose workflows the fresh server does not know are marked INTERRUPTED (r1 retry"
                    + " restarts them)."})
public final class UpCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", defaultValue = ".r1/data",
            description = "where S3 objects and worker scratch live (default ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--no-worker", description = "start only the servers (run workers yourself: r1 worker)")
    boolean noWorker;

    @Option(names = "--run", paramLabel = "PRESET", description = "also start a run of this preset, e.g. tiny")
    String runPreset;

    @Option(names = "--temporal-port", defaultValue = "7233", description = "default ${DEFAULT-VALUE}")
    int temporalPort;

    @Option(names = "--s3-port", defaultValue = "9000", description = "default ${DEFAULT-VALUE}")
    int s3Port;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dataDir = data.toAbsolutePath();
        EmbeddedTemporal temporal = new EmbeddedTemporal("127.0.0.1", temporalPort);
        EmbeddedS3 s3 = new EmbeddedS3(dataDir.resolve("s3"), "127.0.0.1", s3Port, S3Config.DEFAULT_ACCESS_KEY,
                S3Config.DEFAULT_SECRET_KEY).start();
        S3Config s3Config = S3Config.embedded(s3.endpoint());
        ArtifactStore store = ArtifactStore.connect(s3Config);
        WorkflowServiceStubs stubs = TemporalConnection.plain(temporal.target()).stubs();
        WorkflowClient client = TemporalConnection.plain(temporal.target()).client(stubs);
        int interrupted = markInterrupted(new RunCatalog(store.blobs()), client);
        WorkerProcess worker = noWorker ? null
                : WorkerProcess.start(temporal.target(), s3Config, dataDir.resolve("work"), spec.commandLine().getErr());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (worker != null) {
                worker.stop();
            }
            stubs.shutdown();
            temporal.close();
            s3.stop();
            stopped.countDown();
        }, "up-shutdown"));
        printWhere(out, temporal, s3, dataDir, worker, interrupted);
        if (runPreset != null) {
            RunRecord run = new RunLauncher(client, store, Clock.systemUTC()).start(PipelineSpec.preset(runPreset),
                    null);
            out.println("started run " + run.runId() + " (r1 status " + run.runId() + ")");
        }
        out.flush();
        stopped.await();
        return 0;
    }

    /** Marks catalog runs that expect a live workflow the (fresh, in-memory) server does not know. */
    static int markInterrupted(RunCatalog catalog, WorkflowClient client) {
        int n = 0;
        for (RunRecord r : catalog.list()) {
            if (r.state().expectsLiveWorkflow()
                    && TemporalConnection.describe(client, r.workflowId(), r.temporalRunId()).isEmpty()) {
                catalog.put(r.withState(RunState.INTERRUPTED, r.stage(), Instant.now()));
                n++;
            }
        }
        return n;
    }

    private static void printWhere(PrintWriter out, EmbeddedTemporal temporal, EmbeddedS3 s3, Path dataDir,
            WorkerProcess worker, int interrupted) {
        out.println("R1 Forge embedded stack is up (Ctrl-C stops everything)");
        out.println("  Temporal  " + temporal.target() + "  (namespace default; history in memory)");
        out.println("  S3        " + s3.endpoint() + "  bucket " + S3Config.DEFAULT_BUCKET + "  access key "
                + s3.accessKey() + "  secret " + s3.secretKey());
        out.println("  data      " + dataDir);
        out.println("  worker    " + (worker == null ? "none (--no-worker): start one with r1 worker"
                : "pid " + worker.pid() + " polling r1-control and r1-gpu"));
        if (interrupted > 0) {
            out.println("  " + interrupted + " run(s) marked INTERRUPTED (their workflows were lost): r1 runs, r1 retry");
        }
    }
}
