package io.r1forge.stages.data;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.r1forge.stages.tasks.Families;
import io.r1forge.stages.tasks.Language;
import io.r1forge.stages.tasks.Problem;
import java.util.Locale;
import java.util.Map;

/**
 * {@link Problem} as a JSON object: {@code {"id", "family", "language": "en"|"zh", "prompt",
 * "answer", "meta": {...}}}. Reading defaults a missing {@code family} to {@code dataset}, {@code
 * language} to en and {@code id} to the caller's; errors name the field, e.g. "field 'problem.answer' is missing".
 */
public final class ProblemJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemJson() {}

    /** The JSON object of a problem. */
    public static ObjectNode toJson(Problem p) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", p.id());
        n.put("family", p.family());
        n.put("language", p.language().name().toLowerCase(Locale.ROOT));
        n.put("prompt", p.prompt());
        n.put("answer", p.answer());
        n.set("meta", JSON.valueToTree(p.meta()));
        return n;
    }

    /**
     * Reads a problem object. {@code fieldPrefix} is prepended to field names in error messages
     * (e.g. {@code "problem."} gives "field 'problem.answer' is missing").
     *
     * @throws IllegalArgumentException naming the missing or invalid field
     */
    public static Problem fromJson(JsonNode n, String fieldPrefix, String defaultId) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("field '" + stripDot(fieldPrefix) + "' must be an object");
        }
        String prompt = required(n, fieldPrefix, "prompt");
        String answer = required(n, fieldPrefix, "answer");
        String family = n.hasNonNull("family") ? n.get("family").asText() : Families.DATASET;
        String id = n.hasNonNull("id") ? n.get("id").asText() : defaultId;
        Map<String, Object> meta = n.hasNonNull("meta")
                ? JSON.convertValue(n.get("meta"), new TypeReference<Map<String, Object>>() {})
                : Map.of();
        return new Problem(id, family, language(n, fieldPrefix), prompt, answer, meta);
    }

    private static Language language(JsonNode n, String fieldPrefix) {
        if (!n.hasNonNull("language")) {
            return Language.EN;
        }
        String l = n.get("language").asText().toUpperCase(Locale.ROOT);
        if (!l.equals("EN") && !l.equals("ZH")) {
            throw new IllegalArgumentException("field '" + fieldPrefix + "language' must be en or zh (was " + n.get("language").asText() + ")");
        }
        return Language.valueOf(l);
    }

    private static String required(JsonNode n, String fieldPrefix, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("field '" + fieldPrefix + field + "' is missing");
        }
        if (!v.isValueNode()) {
            throw new IllegalArgumentException("field '" + fieldPrefix + field + "' must be a string");
        }
        return v.asText();
    }

    private static String stripDot(String prefix) {
        return prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }
}
