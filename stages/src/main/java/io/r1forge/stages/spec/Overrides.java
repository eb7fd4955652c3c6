package io.r1forge.stages.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/**
 * Applies one dotted override ({@code r1_zero.learning_rate=1e-4}) to a spec tree, walking the
 * record types so a misspelt key is named ({@code "unknown field 'lerning_rate' at r1_zero"}).
 * Map keys may be new ({@code r1_zero.reward_weights.language=0.5}); list values are comma
 * separated; {@code null} clears an optional field. Values stay text: binding converts and names
 * bad ones.
 */
final class Overrides {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Overrides() {}

    static void apply(ObjectNode root, String key, String value, List<String> errors) {
        String[] parts = key.split("\\.", -1);
        Type type = PipelineSpec.class;
        ObjectNode node = root;
        String path = "";
        for (int i = 0; i < parts.length; i++) {
            Type childType = childType(type, parts[i]);
            if (childType == null) {
                errors.add(parts[i].isEmpty() ? "override '" + key + "': empty key segment"
                        : "unknown field '" + parts[i] + "' at " + SpecParser.label(path));
                return;
            }
            String childPath = SpecStructure.join(path, parts[i]);
            if (i == parts.length - 1) {
                set(node, parts[i], childType, value, childPath, errors);
                return;
            }
            JsonNode child = node.get(parts[i]);
            node = child instanceof ObjectNode o ? o : node.putObject(parts[i]);
            type = childType;
            path = childPath;
        }
    }

    /** The type of {@code name} inside {@code type}, or null if it has no such member. */
    private static Type childType(Type type, String name) {
        if (name.isEmpty()) {
            return null;
        }
        Class<?> raw = SpecStructure.rawClass(type);
        if (raw.isRecord()) {
            RecordComponent rc = SpecStructure.components(raw).get(name);
            return rc == null ? null : rc.getGenericType();
        }
        if (Map.class.isAssignableFrom(raw) && type instanceof ParameterizedType p) {
            return p.getActualTypeArguments()[1];
        }
        return null;
    }

    private static void set(ObjectNode node, String field, Type type, String value, String path, List<String> errors) {
        Class<?> raw = SpecStructure.rawClass(type);
        if (value.equals("null")) {
            node.putNull(field);
        } else if (List.class.isAssignableFrom(raw)) {
            ArrayNode a = node.putArray(field);
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    a.add(item.strip());
                }
            }
        } else if (raw.isRecord() || Map.class.isAssignableFrom(raw)) {
            errors.add(path + ": is a section; override one of its fields (" + path + ".<field>=…)");
        } else {
            node.set(field, NODES.textNode(value.strip()));
        }
    }
}
