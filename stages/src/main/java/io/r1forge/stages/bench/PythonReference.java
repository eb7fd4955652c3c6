package io.r1forge.stages.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The PyTorch side of the benchmark: one long-lived {@code bench_reference.py} process per model, driven over
 * stdin/stdout one JSON line per request, so Java and Python rounds alternate in one run while the idle side
 * waits on a pipe (no CPU contention). Python's stderr goes to ours.
 */
final class PythonReference implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final PythonInfo info;

    private PythonReference(Process process) throws IOException {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        JsonNode hello = reply();
        this.info = new PythonInfo(hello.path("python").asText(), hello.path("torch").asText(),
                hello.path("blas").asText(), hello.path("openblas").asBoolean(), hello.path("threads").asInt(),
                hello.path("matmul_gflops").asDouble());
    }

    /**
     * Starts the reference on a checkpoint directory ({@code config.json} + {@code model.safetensors}).
     *
     * @param blasDir directory put first on {@code LD_LIBRARY_PATH} (OpenBLAS's {@code libblas.so.3}), if any
     */
    static PythonReference start(
            Path python, Path script, Path checkpoint, BenchSettings s, Optional<Path> blasDir) {
        List<String> cmd = new ArrayList<>(List.of(python.toString(), "-u", script.toString(),
                "--checkpoint", checkpoint.toString(),
                "--threads", Integer.toString(s.threads()),
                "--batch", Integer.toString(s.batch()),
                "--seq-len", Integer.toString(s.seqLen()),
                "--steps", Integer.toString(s.steps()),
                "--warmup", Integer.toString(s.warmupSteps()),
                "--gen-batch", Integer.toString(s.genBatch()),
                "--prompt-len", Integer.toString(s.promptLen()),
                "--new-tokens", Integer.toString(s.newTokens()),
                "--seed", Long.toString(s.seed()),
                "--matmul-size", Integer.toString(s.matmulSize())));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(s.threads()));
        blasDir.ifPresent(dir -> {
            String old = pb.environment().getOrDefault("LD_LIBRARY_PATH", "");
            pb.environment().put("LD_LIBRARY_PATH", old.isEmpty() ? dir.toString() : dir + ":" + old);
        });
        try {
            return new PythonReference(pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Python reference " + String.join(" ", cmd), e);
        }
    }

    PythonInfo info() {
        return info;
    }

    /** Runs one timed round of {@code phase} in Python; returns tokens per second. */
    double round(Phase phase) {
        try {
            in.write(phase.label() + "\n");
            in.flush();
            return reply().path("tokens_per_s").asDouble();
        } catch (IOException e) {
            throw new UncheckedIOException("Python reference failed during " + phase.label(), e);
        }
    }

    /** The next JSON reply; lines that are not JSON objects (stray prints) are skipped. */
    private JsonNode reply() throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("{")) {
                JsonNode node = JSON.readTree(line);
                if (node.has("error")) {
                    throw new IOException("Python reference: " + node.get("error").asText());
                }
                return node;
            }
        }
        throw new IOException("Python reference exited (code " + waitExit() + "); see its stderr above");
    }

    private int waitExit() {
        try {
            return process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() {
        try {
            in.write("quit\n");
            in.flush();
        } catch (IOException e) {
            // already gone: nothing to tell it
        }
        if (waitExit() == -1) {
            process.destroyForcibly();
        }
    }
}
