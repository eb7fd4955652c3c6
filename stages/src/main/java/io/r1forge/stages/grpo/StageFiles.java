package io.r1forge.stages.grpo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSONL files of a GRPO stage's output directory:
 *
 * <pre>
 *   out/metrics.jsonl              one StepMetrics per line, steps 1..n
 *   out/samples/step-00000042.jsonl the completions of step 42 (only the last K steps are kept)
 *   out/samples.jsonl              the kept steps' completions, written at the end
 * </pre>
 */
final class StageFiles {
    static final String METRICS = "metrics.jsonl";
    static final String SAMPLES = "samples.jsonl";
    static final String SAMPLES_DIR = "samples";

    private static final ObjectMapper JSON = new ObjectMapper();

    private StageFiles() {}

    /** Drops metric lines after {@code lastStep}: steps a stopped run took after its last snapshot are redone. */
    static void truncateMetrics(Path out, long lastStep) {
        Path f = out.resolve(METRICS);
        if (!Files.exists(f)) {
            return;
        }
        List<String> kept = new ArrayList<>();
        for (String line : read(f)) {
            if (!line.isBlank() && parse(line, StepMetrics.class).step() <= lastStep) {
                kept.add(line);
            }
        }
        write(f, kept);
    }

    static void appendMetrics(Path out, StepMetrics m) {
        append(out.resolve(METRICS), List.of(json(m)));
    }

    /** The last line of metrics.jsonl, or null. */
    static StepMetrics lastMetrics(Path out) {
        Path f = out.resolve(METRICS);
        if (!Files.exists(f)) {
            return null;
        }
        List<String> lines = read(f).stream().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? null : parse(lines.get(lines.size() - 1), StepMetrics.class);
    }

    /** Writes the step's samples and deletes the file of step {@code step − keep}. */
    static void writeStepSamples(Path out, long step, Rollout rollout, int keep) {
        if (keep == 0) {
            return;
        }
        List<String> lines = SampleRecord.of(step, rollout).stream().map(StageFiles::json).toList();
        write(stepFile(out, step), lines);
        try {
            Files.deleteIfExists(stepFile(out, step - keep));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete old samples in " + out, e);
        }
    }

    /** Concatenates the samples of steps {@code (lastStep − keep, lastStep]} into samples.jsonl. */
    static Path collectSamples(Path out, long lastStep, int keep) {
        List<String> lines = new ArrayList<>();
        for (long s = Math.max(1, lastStep - keep + 1); s <= lastStep; s++) {
            if (Files.exists(stepFile(out, s))) {
                lines.addAll(read(stepFile(out, s)));
            }
        }
        Path f = out.resolve(SAMPLES);
        write(f, lines);
        return f;
    }

    private static Path stepFile(Path out, long step) {
        return out.resolve(SAMPLES_DIR).resolve(String.format("step-%08d.jsonl", step));
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + o.getClass().getSimpleName(), e);
        }
    }

    private static <T> T parse(String line, Class<T> type) {
        try {
            return JSON.readValue(line, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("invalid " + type.getSimpleName() + " line: " + line, e);
        }
    }

    private static List<String> read(Path f) {
        try {
            return Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }

    private static void write(Path f, List<String> lines) {
        try {
            Files.createDirectories(f.getParent());
            Files.write(f, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f, e);
        }
    }

    private static void append(Path f, List<String> lines) {
        try {
            Files.createDirectories(f.getParent());
            Files.write(f, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + f, e);
        }
    }
}
