package io.r1forge.stages.sft;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** JSON Lines I/O of {@link SftExample}s (one object per line: id, prompt, completion, meta). */
public final class SftData {
    /** NaN rewards are written as "NaN" strings and read back. */
    public static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private SftData() {}

    public static void write(Path file, List<?> records) {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Object r : records) {
                w.write(JSON.writeValueAsString(r));
                w.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Reads a JSONL file of examples; an invalid line is reported with its line number. */
    public static List<SftExample> read(Path file) {
        List<SftExample> out = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).isBlank()) {
                    out.add(parse(file, i + 1, lines.get(i)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return out;
    }

    private static SftExample parse(Path file, int lineNo, String line) {
        try {
            SftExample e = JSON.readValue(line, SftExample.class);
            if (e.id() == null || e.prompt() == null || e.completion() == null) {
                throw new IllegalArgumentException(file + ":" + lineNo + ": needs id, prompt and completion");
            }
            return e;
        } catch (JsonProcessingException | NullPointerException e) {
            throw new IllegalArgumentException(file + ":" + lineNo + ": not an SFT example (needs id, prompt, "
                    + "completion): " + e.getMessage(), e);
        }
    }
}
