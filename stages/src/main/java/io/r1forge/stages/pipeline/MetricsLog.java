package io.r1forge.stages.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code out/metrics.jsonl} of a training stage: one line per step, {@code {"step": n, <metric>: value, …}}, steps
 * 1..n. A resumed stage first drops the lines after its snapshot step (those steps are redone), so the file of a
 * resumed stage has the same steps as an uninterrupted one. NaN ("cannot score") is written as the string "NaN".
 */
public final class MetricsLog {
    public static final String FILE = "metrics.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();

    private MetricsLog() {}

    /** Drops lines of steps after {@code lastStep} (all of them when 0). */
    public static void truncate(Path out, long lastStep) {
        List<String> kept = new ArrayList<>();
        for (String line : lines(out)) {
            if (((Number) parse(line).get("step")).longValue() <= lastStep) {
                kept.add(line);
            }
        }
        write(out.resolve(FILE), kept, false);
    }

    public static void append(Path out, long step, Map<String, Double> metrics) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("step", step);
        line.putAll(metrics);
        try {
            write(out.resolve(FILE), List.of(JSON.writeValueAsString(line)), true);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a metrics map always serialises", e);
        }
    }

    /** Every line, parsed, in step order. */
    public static List<Map<String, Object>> read(Path out) {
        return lines(out).stream().map(MetricsLog::parse).toList();
    }

    private static List<String> lines(Path out) {
        Path f = out.resolve(FILE);
        try {
            return Files.exists(f) ? Files.readAllLines(f, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).toList() : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }

    private static Map<String, Object> parse(String line) {
        try {
            return JSON.readValue(line, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("invalid metrics line: " + line, e);
        }
    }

    private static void write(Path f, List<String> lines, boolean append) {
        try {
            Files.createDirectories(f.toAbsolutePath().getParent());
            if (append) {
                Files.write(f, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } else {
                Files.write(f, lines, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f, e);
        }
    }
}
