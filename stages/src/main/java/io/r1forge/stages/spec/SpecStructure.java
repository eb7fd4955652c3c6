package io.r1forge.stages.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a spec tree against the record types before binding, so every unknown field ({@code
 * "unknown field 'lerning_rate' at r1_zero"}) and every missing one ({@code "r1_zero.beta:
 * missing"}) is reported at once, not only the first as Jackson would.
 */
final class SpecStructure {
    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private SpecStructure() {}

    /** The record's components by snake_case name. */
    static Map<String, RecordComponent> components(Class<?> record) {
        Map<String, RecordComponent> out = new LinkedHashMap<>();
        for (RecordComponent rc : record.getRecordComponents()) {
            out.put(SNAKE.translate(rc.getName()), rc);
        }
        return out;
    }

    static Class<?> rawClass(Type t) {
        return t instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) t;
    }

    static void check(Type type, JsonNode node, String path, List<String> out) {
        Class<?> raw = rawClass(type);
        if (raw.isRecord()) {
            checkRecord(raw, node, path, out);
        } else if (Map.class.isAssignableFrom(raw) && node.isObject() && type instanceof ParameterizedType p) {
            Type valueType = p.getActualTypeArguments()[1];
            node.fields().forEachRemaining(e -> check(valueType, e.getValue(), join(path, e.getKey()), out));
        }
    }

    private static void checkRecord(Class<?> record, JsonNode node, String path, List<String> out) {
        if (!node.isObject()) {
            out.add(SpecParser.label(path) + ": expected a mapping (was " + node.getNodeType().name().toLowerCase() + ")");
            return;
        }
        Map<String, RecordComponent> comps = components(record);
        node.fieldNames().forEachRemaining(f -> {
            if (!comps.containsKey(f)) {
                out.add("unknown field '" + f + "' at " + SpecParser.label(path));
            }
        });
        comps.forEach((name, rc) -> {
            JsonNode child = node.get(name);
            if (child == null || child.isNull()) {
                if (rc.getAnnotation(OptionalField.class) == null) {
                    out.add(join(path, name) + ": missing");
                }
            } else {
                check(rc.getGenericType(), child, join(path, name), out);
            }
        });
    }

    static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
