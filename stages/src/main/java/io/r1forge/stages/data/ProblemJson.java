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
 * language} to en and {@code id} to the caller's; errors name the field.
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
     * Reads a problem object; {@code where} prefixes error messages (e.g. "line 3: problem").
     *
     * @throws IllegalArgumentException naming the missing or invalid field
     */
    public static Problem fromJson(JsonNode n, String where, String defaultId) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException(where + ": expected an object");
        }
        String prompt = required(n, where, "prompt");
        String answer = required(n, where, "answer");
        String family = n.hasNonNull("family") ? n.get("family").asText() : Families.DATASET;
        String id = n.hasNonNull("id") ? n.get("id").asText() : defaultId;
        Map<String, Object> meta = n.hasNonNull("meta")
                ? JSON.convertValue(n.get("meta"), new TypeReference<Map<String, Object>>() {})
                : Map.of();
        return new Problem(id, family, language(n, where), prompt, answer, meta);
    }

    private static Language language(JsonNode n, String where) {
        if (!n.hasNonNull("language")) {
            return Language.EN;
        }
        String l = n.get("language").asText().toUpperCase(Locale.ROOT);
        if (!l.equals("EN") && !l.equals("ZH")) {
            throw new IllegalArgumentException(where + ".language: must be en or zh (was " + n.get("language").asText() + ")");
        }
        return Language.valueOf(l);
    }

    private static String required(JsonNode n, String where, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(where + "." + field + ": missing");
        }
        if (!v.isValueNode()) {
            throw new IllegalArgumentException(where + "." + field + ": must be a string");
        }
        return v.asText();
    }
}
