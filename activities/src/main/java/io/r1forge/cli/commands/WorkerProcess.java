package io.r1forge.cli.commands;

import io.r1forge.activities.store.S3Config;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The embedded stack's worker as a child JVM ({@code r1 worker --queue all}) with this JVM's class path and system
 * properties, supervised: when it exits unexpectedly it is started again after {@link #RESTART_DELAY_MILLIS}.
 */
final class WorkerProcess {
    static final long RESTART_DELAY_MILLIS = 2000;

    private final List<String> command;
    private final Map<String, String> env;
    private final PrintWriter log;
    private volatile Process process;
    private volatile boolean stopping;

    private WorkerProcess(List<String> command, Map<String, String> env, PrintWriter log) {
        this.command = command;
        this.env = env;
        this.log = log;
    }

    static WorkerProcess start(String temporalTarget, S3Config s3, Path workDir, PrintWriter log) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-agentlib") && !arg.startsWith("-javaagent")) {
                cmd.add(arg);
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.r1forge.cli.Main", "worker",
                "--queue", "all", "--temporal", temporalTarget, "--work-dir", workDir.toString()));
        WorkerProcess w = new WorkerProcess(cmd, Map.of("R1_S3_ENDPOINT", s3.endpoint(), "R1_S3_ACCESS_KEY",
                s3.accessKey(), "R1_S3_SECRET_KEY", s3.secretKey(), "R1_S3_BUCKET", s3.bucket()), log);
        w.launch();
        Thread supervisor = new Thread(w::supervise, "worker-supervisor");
        supervisor.setDaemon(true);
        supervisor.start();
        return w;
    }

    private void launch() {
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        pb.environment().putAll(env);
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the worker JVM", e);
        }
    }

    private void supervise() {
        while (!stopping) {
            try {
                int code = process.waitFor();
                if (stopping) {
                    return;
                }
                log.println("r1 up: worker pid " + process.pid() + " exited with " + code + "; restarting in "
                        + RESTART_DELAY_MILLIS + " ms");
                log.flush();
                Thread.sleep(RESTART_DELAY_MILLIS);
                if (!stopping) {
                    launch();
                    log.println("r1 up: worker restarted, pid " + process.pid());
                    log.flush();
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM (the worker's shutdown hook stops it cleanly), then SIGKILL after 15 s. */
    void stop() {
        stopping = true;
        Process p = process;
        p.destroy();
        try {
            if (!p.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
