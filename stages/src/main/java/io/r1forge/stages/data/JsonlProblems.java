package io.r1forge.stages.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.r1forge.stages.tasks.Boxed;
import io.r1forge.stages.tasks.Families;
import io.r1forge.stages.tasks.Language;
import io.r1forge.stages.tasks.Problem;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Loads GSM8K / MATH style JSONL: one object per line with {@code question} (or {@code problem})
 * and {@code answer} (or {@code solution}). The final answer is the text after the last {@code
 * ####} (GSM8K) or the contents of the last {@code \boxed{…}} (MATH, nested braces allowed); an
 * optional {@code language} ("en"/"zh") and {@code id} are honoured. Blank lines are skipped.
 *
 * <p>Example line: {@code {"question": "Tom has 3 apples ...", "answer": "3 + 4 = 7\n#### 7"}} gives
 * a {@link Problem} of family {@code dataset} with answer {@code "7"}.
 */
public final class JsonlProblems {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonlProblems() {}

    /** All problems of the file; {@code defaultLanguage} applies to lines without {@code language}. */
    public static List<Problem> load(Path file, Language defaultLanguage) {
        List<Problem> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (!line.isBlank()) {
                    out.add(parseLine(line, file + ":" + lineNo, defaultLanguage, stem(file), lineNo));
                }
            }
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + ": file not found");
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read: " + e.getMessage(), e);
        }
        return out;
    }

    /** The final answer of a GSM8K or MATH solution text, if it has one. */
    public static Optional<String> finalAnswer(String solution) {
        int hashes = solution.lastIndexOf("####");
        if (hashes >= 0) {
            String a = solution.substring(hashes + 4).strip();
            return a.isEmpty() ? Optional.empty() : Optional.of(a);
        }
        return Boxed.last(solution).map(String::strip).filter(a -> !a.isEmpty());
    }

    private static Problem parseLine(String line, String where, Language defaultLanguage, String stem, int lineNo) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new DatasetException(where + ": invalid JSON: " + e.getOriginalMessage());
        }
        if (!node.isObject()) {
            throw new DatasetException(where + ": expected a JSON object");
        }
        String question = text(node, where, "question", "problem");
        String solution = text(node, where, "answer", "solution");
        String answer = finalAnswer(solution).orElseThrow(() -> new DatasetException(
                where + ": field 'answer' has neither '#### <answer>' nor \\boxed{<answer>}"));
        Language language = defaultLanguage;
        if (node.hasNonNull("language")) {
            String l = node.get("language").asText().toUpperCase(Locale.ROOT);
            if (!l.equals("EN") && !l.equals("ZH")) {
                throw new DatasetException(where + ": field 'language' must be en or zh (was " + l + ")");
            }
            language = Language.valueOf(l);
        }
        String id = node.hasNonNull("id") ? node.get("id").asText() : String.format("%s-%05d", stem, lineNo);
        return new Problem(id, Families.DATASET, language, question, answer, Map.of("solution", solution));
    }

    private static String text(JsonNode node, String where, String name, String alternative) {
        JsonNode v = node.hasNonNull(name) ? node.get(name) : node.get(alternative);
        if (v == null || v.isNull()) {
            throw new DatasetException(where + ": missing field '" + name + "' (or '" + alternative + "')");
        }
        if (!v.isTextual() && !v.isNumber()) {
            throw new DatasetException(where + ": field '" + name + "' must be a string");
        }
        return v.asText();
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
