package io.r1forge.stages.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import io.r1forge.stages.model.ModelConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code r1 bench model}: training and sampling tokens/s of the Java model next to the PyTorch reference running
 * the same weights with the same thread count, Java and Python rounds alternating in one run (median reported),
 * plus the fp32 matmul peak and the fraction of it a training step reaches. Figures go to stdout, progress to
 * stderr.
 */
@Command(
        name = "model",
        mixinStandardHelpOptions = true,
        description = {
            "Training (forward + backward + AdamW) and KV-cached sampling tokens/s of the tiny and small models,"
                    + " Java (DJL) vs the PyTorch reference on the same weights (Python on OpenBLAS).",
            "Peak fraction = 6 x params x train tokens/s / fp32 n x n matmul GFLOP/s (n = --matmul-size)."
        },
        sortOptions = false)
public final class ModelBenchCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--configs", split = ",", defaultValue = "tiny,small",
            description = "Presets (default: ${DEFAULT-VALUE}).")
    List<String> configs;

    @Option(names = "--rounds", defaultValue = "3",
            description = "Alternating rounds per side (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--threads",
            description = "Intra-op threads on both sides (default: -Dai.djl.pytorch.num_threads, else all cores).")
    Integer threads;

    @Option(names = "--batch", defaultValue = "16", description = "Training batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seq-len", defaultValue = "128",
            description = "Training sequence length (default: ${DEFAULT-VALUE}).")
    int seqLen;

    @Option(names = "--steps", defaultValue = "6",
            description = "Timed training steps per round (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--warmup", defaultValue = "1",
            description = "Untimed training steps per round (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--gen-batch", defaultValue = "16",
            description = "Prompts sampled together (default: ${DEFAULT-VALUE}).")
    int genBatch;

    @Option(names = "--prompt-len", defaultValue = "16",
            description = "Tokens per prompt (default: ${DEFAULT-VALUE}).")
    int promptLen;

    @Option(names = "--new-tokens", defaultValue = "64",
            description = "Tokens sampled per prompt (default: ${DEFAULT-VALUE}).")
    int newTokens;

    @Option(names = "--vocab", defaultValue = "512",
            description = "Vocabulary size of the benchmark models (default: ${DEFAULT-VALUE}).")
    int vocab;

    @Option(names = "--seed", defaultValue = "1234",
            description = "Seed of weights, batches, prompts (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--matmul-size", defaultValue = "1024",
            description = "n of the fp32 n x n matmul measuring the peak, both sides (default: ${DEFAULT-VALUE}).")
    int matmulSize;

    @Option(names = "--skip-python", description = "Measure Java only.")
    boolean skipPython;

    @Option(names = "--python", defaultValue = "/usr/bin/python3",
            description = "Python with torch + numpy (default: ${DEFAULT-VALUE}).")
    Path python;

    @Option(names = "--python-dir",
            description = "Directory of bench_reference.py and reference_model.py"
                    + " (default: stages/src/test/python of this checkout).")
    Path pythonDir;

    @Option(names = "--openblas-cache",
            description = "Where OpenBLAS is unpacked for Python (default: ~/.cache/r1forge/openblas).")
    Path openBlasCache;

    @Option(names = "--json", description = "Print the figures as JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        int n = threads != null
                ? threads
                : Integer.getInteger("ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors());
        BenchSettings settings = new BenchSettings(configs, vocab, rounds, n, batch, seqLen,
                steps, warmup, genBatch, promptLen, newTokens, seed, matmulSize);
        for (String c : configs) {
            preset(c, vocab); // fail on a bad name before spending minutes
        }
        Optional<Path> script = skipPython ? Optional.empty() : Optional.of(referenceScript());
        Engine.getInstance();
        int previousThreads = JniUtils.getNumThreads();
        BenchReport report;
        JniUtils.setNumThreads(n); // process-wide: restored so a host JVM (tests, worker) keeps its setting
        try {
            report = run(settings, script, err);
        } finally {
            JniUtils.setNumThreads(previousThreads);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? BenchTable.json(report) + System.lineSeparator() : BenchTable.text(report));
        out.flush();
        return 0;
    }

    private BenchReport run(BenchSettings settings, Optional<Path> script, PrintWriter err) {
        try (NDManager root = NDManager.newBaseManager()) {
            int n = settings.matmulSize();
            progress(err, "fp32 matmul %dx%d through DJL...", n, n);
            double peak = JavaBench.matmulGflops(root, n, 10);
            progress(err, "  %.1f GFLOP/s with %d threads", peak, JniUtils.getNumThreads());
            Optional<Path> blas = script.isEmpty() ? Optional.empty() : openBlas(err);
            List<PhaseResult> results = new ArrayList<>();
            PythonInfo pythonInfo = null;
            for (String name : settings.configs()) {
                ModelConfig config = preset(name, settings.vocabSize());
                ConfigRun r = runConfig(name, config, settings, script, blas, root, err);
                results.addAll(r.phases());
                pythonInfo = r.python() != null ? r.python() : pythonInfo;
            }
            return new BenchReport(settings, JniUtils.getNumThreads(), peak, pythonInfo, results);
        }
    }

    /** One preset's results, {@link Phase} order; {@code python} is null when Python did not run. */
    private record ConfigRun(List<PhaseResult> phases, PythonInfo python) {}

    /** All rounds of one preset: Java train, Python train, Java generate, Python generate, repeated. */
    private ConfigRun runConfig(String name, ModelConfig config, BenchSettings s, Optional<Path> script,
            Optional<Path> blas, NDManager root, PrintWriter err) {
        try (JavaBench java = new JavaBench(config, s, root)) {
            long params = java.parameterCount();
            progress(err, "%s: %.2fM parameters", name, params / 1e6);
            Path dir = script.isEmpty() ? null : tempCheckpoint(java);
            try (PythonReference py = dir == null ? null
                    : PythonReference.start(python, script.get(), dir, s, blas)) {
                Side javaSide = new Side("Java", java::round);
                Side pythonSide = new Side("Python", py == null ? null : py::round);
                for (int round = 1; round <= s.rounds(); round++) {
                    for (Phase phase : Phase.values()) {
                        javaSide.round(round, phase, err);
                        if (py != null) {
                            pythonSide.round(round, phase, err);
                        }
                    }
                }
                List<PhaseResult> phases = Stream.of(Phase.values()).map(phase -> new PhaseResult(name, params,
                        phase, javaSide.rounds(phase), pythonSide.rounds(phase))).toList();
                return new ConfigRun(phases, py == null ? null : py.info());
            } finally {
                deleteTree(dir);
            }
        }
    }

    /** One side of the comparison: its tokens/s per phase, a figure a round, and the progress line of each. */
    private static final class Side {
        private final String label;
        private final ToDoubleFunction<Phase> bench;
        private final Map<Phase, List<Double>> rounds = new EnumMap<>(Phase.class);

        /** @param bench runs one timed round of a phase, returns tokens per second */
        Side(String label, ToDoubleFunction<Phase> bench) {
            this.label = label;
            this.bench = bench;
        }

        void round(int round, Phase phase, PrintWriter err) {
            double tokensPerSecond = bench.applyAsDouble(phase);
            rounds.computeIfAbsent(phase, p -> new ArrayList<>()).add(tokensPerSecond);
            // e.g. "  round 1 train    Java   12,345 tok/s": the columns line up across sides and phases
            progress(err, "  round %d %-8s %-6s %,10.0f tok/s", round, phase.label(), label, tokensPerSecond);
        }

        /** Tokens/s of each round of {@code phase}, empty if this side never ran it. */
        List<Double> rounds(Phase phase) {
            return rounds.getOrDefault(phase, List.of());
        }
    }

    private ModelConfig preset(String name, int vocab) {
        return switch (name) {
            case "tiny" -> ModelConfig.tiny(vocab);
            case "small" -> ModelConfig.small(vocab);
            default -> throw new ParameterException(spec.commandLine(),
                    "unknown config '" + name + "' (choose tiny, small)");
        };
    }

    private Optional<Path> openBlas(PrintWriter err) {
        Optional<Path> dir = OpenBlas.locate(openBlasCache != null ? openBlasCache : OpenBlas.defaultCache(), err);
        if (dir.isEmpty()) {
            progress(err, "WARNING: OpenBLAS unavailable: Python runs on the system BLAS (Debian's reference BLAS is"
                    + " ~20x slower; ratios are not a fair comparison)");
        } else {
            progress(err, "Python BLAS: OpenBLAS from %s", dir.get());
        }
        return dir;
    }

    /** bench_reference.py from --python-dir, else this checkout's stages/src/test/python (via r1.home or cwd). */
    private Path referenceScript() {
        List<Path> candidates = new ArrayList<>();
        if (pythonDir != null) {
            candidates.add(pythonDir);
        } else {
            String home = System.getProperty("r1.home");
            if (home != null) {
                candidates.add(Path.of(home, "stages", "src", "test", "python"));
            }
            for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
                candidates.add(p.resolve("stages/src/test/python"));
                candidates.add(p.resolve("src/test/python"));
            }
        }
        return candidates.stream().map(d -> d.resolve("bench_reference.py")).filter(Files::isRegularFile)
                .findFirst()
                .orElseThrow(() -> new ParameterException(spec.commandLine(),
                        "cannot find bench_reference.py (looked in " + candidates.get(0)
                                + " ...): pass --python-dir or --skip-python"));
    }

    private static Path tempCheckpoint(JavaBench java) {
        try {
            Path dir = Files.createTempDirectory("r1-bench-");
            java.saveCheckpoint(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary checkpoint directory", e);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private static void progress(PrintWriter err, String format, Object... args) {
        err.println("bench: " + String.format(format, args));
        err.flush();
    }
}
