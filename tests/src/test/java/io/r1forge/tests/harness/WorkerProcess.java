package io.r1forge.tests.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An {@code r1 worker} in a child JVM, started with the test class path (so it runs exactly the code under test)
 * and the stack's S3 settings in its environment, its output in a log file under the stack's directory.
 *
 * <p>{@link #kill()} is {@code kill -9}: {@link Process#destroyForcibly()} sends SIGKILL on Linux, so the worker
 * gets no chance to fail its activity, flush, or say goodbye to the server: the server only notices through the
 * missed heartbeats.
 */
public final class WorkerProcess implements AutoCloseable {
    /** Same threading as the parent pom's surefire argLine: 1 intra-op thread, 1 inter-op (tiny models). */
    private static final List<String> JVM_FLAGS = List.of(
            "-Xmx3g", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
            "-Dai.djl.pytorch.num_interop_threads=1",
            "-Dorg.slf4j.simpleLogger.showDateTime=true", "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS");
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final String name;
    private final Process process;
    private final Path log;

    private WorkerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code r1 worker} against the stack; {@code extraArgs} are appended to the verb's arguments. */
    public static WorkerProcess start(EmbeddedStack stack, String name, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("worker", "--temporal", stack.temporalTarget()));
        args.addAll(List.of(extraArgs));
        return startCli(stack, name, args);
    }

    /** Starts any {@code r1} verb in a child JVM (the worker, or a CLI verb that must run out of process). */
    public static WorkerProcess startCli(EmbeddedStack stack, String name, List<String> cliArgs) {
        return startJava(stack, name, "io.r1forge.cli.Main", cliArgs);
    }

    private static WorkerProcess startJava(EmbeddedStack stack, String name, String mainClass, List<String> args) {
        Path log = stack.dir().resolve("logs").resolve(name + ".log");
        try {
            Files.createDirectories(log.getParent());
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(JVM_FLAGS);
            cmd.add("@" + classPathArgFile(stack).toString());
            cmd.add(mainClass);
            cmd.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .directory(stack.dir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().putAll(stack.s3Env());
            pb.environment().put("OMP_NUM_THREADS", "1");
            // The pre-trained base cache of the stages module: per stack, never the developer's ~/.cache.
            pb.environment().put("R1FORGE_BASE_CACHE", stack.dir().resolve("base-cache").toString());
            return new WorkerProcess(name, pb.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    // A java @argfile keeps the (long) class path off the command line. The project's own jars are copied first:
    // the child JVMs then run the code as it was when the stack started, even if a jar in ~/.m2 is re-installed
    // while a worker runs (a JVM reading a jar that is rewritten under it fails with NoClassDefFoundError).
    private static synchronized Path classPathArgFile(EmbeddedStack stack) throws IOException {
        Path file = stack.dir().resolve("worker-classpath.args");
        if (!Files.exists(file)) {
            Path copies = Files.createDirectories(stack.dir().resolve("project-jars"));
            List<String> entries = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path p = Path.of(entry);
                if (entry.contains("/io/r1forge/") && Files.isRegularFile(p)) {
                    Path copy = copies.resolve(p.getFileName());
                    Files.copy(p, copy, StandardCopyOption.REPLACE_EXISTING);
                    entries.add(copy.toAbsolutePath().toString());
                } else {
                    entries.add(entry);
                }
            }
            String cp = String.join(File.pathSeparator, entries);
            Files.writeString(file, "-cp \"" + cp.replace("\\", "\\\\") + "\"\n", StandardCharsets.UTF_8);
        }
        return file;
    }

    /** SIGKILL, then waits until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " survived SIGKILL");
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to exit by itself and returns its exit code. */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " still running after " + timeout + "; log:\n" + tail(40));
        }
        return process.exitValue();
    }

    public Path logFile() {
        return log;
    }

    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last {@code lines} lines of the log, for failure messages. */
    public String tail(int lines) {
        List<String> all = log().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** SIGTERM (a graceful worker shutdown), then SIGKILL if it lingers. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
            kill();
        }
    }
}
