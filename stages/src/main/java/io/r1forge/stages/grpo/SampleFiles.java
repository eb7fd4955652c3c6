package io.r1forge.stages.grpo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sampled completions of a GRPO stage, for users and for curating cold-start data from R1-Zero's outputs:
 *
 * <pre>
 *   out/step-samples/step-00000042.jsonl  the completions of step 42, one {@link SampleRecord} a line
 *   out/samples.jsonl                the last K steps' completions, written when the stage ends
 * </pre>
 *
 * Only the files of the last K steps are kept while training. A step redone after a resume overwrites its file,
 * so a resumed stage ends with the same samples as an uninterrupted one.
 */
public final class SampleFiles {
    public static final String SAMPLES = "samples.jsonl";
    /** Not {@code samples/}: the orchestrated R1-Zero stage commits its readable samples data set there. */
    public static final String SAMPLES_DIR = "step-samples";
    /** Steps whose completions go into {@code samples.jsonl}: 8 × 128 completions at the tiny preset. */
    public static final int DEFAULT_KEEP = 8;

    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleFiles() {}

    /** Writes the step's completions and deletes the file of step {@code step − keep}. */
    public static void writeStep(Path out, long step, Rollout rollout, int keep) {
        if (keep == 0) {
            return;
        }
        List<String> lines = SampleRecord.of(step, rollout).stream().map(SampleFiles::json).toList();
        write(stepFile(out, step), lines);
        try {
            Files.deleteIfExists(stepFile(out, step - keep));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete old samples in " + out, e);
        }
    }

    /** Concatenates the samples of steps {@code (lastStep − keep, lastStep]} into {@code out/samples.jsonl}. */
    public static Path collect(Path out, long lastStep, int keep) {
        List<String> lines = new ArrayList<>();
        for (long s = Math.max(1, lastStep - keep + 1); s <= lastStep; s++) {
            if (Files.exists(stepFile(out, s))) {
                try {
                    lines.addAll(Files.readAllLines(stepFile(out, s), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + stepFile(out, s), e);
                }
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

    private static void write(Path f, List<String> lines) {
        try {
            Files.createDirectories(f.getParent());
            Files.write(f, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f, e);
        }
    }
}
