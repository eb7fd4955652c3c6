package io.r1forge.cli.commands;

import io.r1forge.activities.Workers;
import io.r1forge.activities.run.TemporalConnection;
import io.r1forge.activities.store.ArtifactStore;
import io.r1forge.activities.store.S3Config;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code r1 worker}: polls a task queue until stopped (SIGTERM/Ctrl-C stops it cleanly). The same binary serves
 * the embedded stack and production: Temporal target, namespace and TLS from the options or environment, S3 from
 * the environment.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Run a worker: r1-gpu runs stage activities (one at a time per JVM), r1-control runs the"
                + " pipeline workflow and the control activities, all runs both."})
public final class WorkerCommand implements Callable<Integer> {
    @Option(names = "--queue", defaultValue = "all", paramLabel = "QUEUE",
            description = "r1-gpu, r1-control or all (default ${DEFAULT-VALUE})")
    String queue;

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = "${env:R1_WORK_DIR:-.r1/work}",
            description = "local scratch space of stage attempts (default ${DEFAULT-VALUE}; env R1_WORK_DIR)")
    Path workDir;

    @Mixin ConnectionOptions connection;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Workers.Queue q;
        try {
            q = Workers.Queue.parse(queue);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        TemporalConnection t = connection.temporal();
        S3Config s3 = S3Config.fromEnvironment();
        WorkflowServiceStubs stubs = t.stubs();
        ArtifactStore store = ArtifactStore.connect(s3);
        Workers workers = Workers.start(t.client(stubs), store, q, workDir.toAbsolutePath());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            workers.close();
            stubs.shutdown();
            stopped.countDown();
        }, "worker-shutdown"));
        err.println("worker " + io.r1forge.activities.WorkerIdentity.get() + " polling " + workers.queues() + " at "
                + t.target() + " (namespace " + t.namespace() + "), artifacts in " + s3.endpoint() + "/"
                + s3.bucket());
        err.flush();
        stopped.await();
        return 0;
    }
}
