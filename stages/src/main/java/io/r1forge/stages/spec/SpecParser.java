package io.r1forge.stages.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reading, merging, binding and writing of {@link PipelineSpec}; see its javadoc for the format. */
final class SpecParser {
    static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()));
    static final ObjectMapper JSON = configure(new ObjectMapper());

    private SpecParser() {}

    private static ObjectMapper configure(ObjectMapper m) {
        return m.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }

    static PipelineSpec parse(String text) {
        return fromTree(resolvePreset(readObject(text, "spec"), 0));
    }

    static PipelineSpec read(Path file) {
        try {
            return fromTree(resolvePreset(readObject(Files.readString(file, StandardCharsets.UTF_8), file.toString()), 0));
        } catch (NoSuchFileException e) {
            throw new SpecException(List.of(file + ": file not found"));
        } catch (IOException e) {
            throw new SpecException(List.of(file + ": cannot read: " + e.getMessage()));
        }
    }

    static PipelineSpec preset(String name) {
        return fromTree(presetTree(name));
    }

    static String toJson(PipelineSpec spec) {
        try {
            return JSON.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a spec record always serialises", e);
        }
    }

    static PipelineSpec withOverrides(PipelineSpec spec, Map<String, String> overrides) {
        ObjectNode tree = JSON.valueToTree(spec);
        List<String> errors = new ArrayList<>();
        overrides.forEach((k, v) -> Overrides.apply(tree, k, v, errors));
        if (!errors.isEmpty()) {
            throw new SpecException(errors);
        }
        return fromTree(tree);
    }

    /** Structure check (all unknown and missing fields), binding, then {@link SpecValidator}. */
    static PipelineSpec fromTree(ObjectNode tree) {
        List<String> violations = new ArrayList<>();
        SpecStructure.check(PipelineSpec.class, tree, "", violations);
        if (!violations.isEmpty()) {
            throw new SpecException(violations);
        }
        PipelineSpec spec = bind(tree);
        violations.addAll(SpecValidator.validate(spec));
        if (!violations.isEmpty()) {
            throw new SpecException(violations);
        }
        return spec;
    }

    /** Jackson binding with its exceptions mapped to field-path messages. */
    static PipelineSpec bind(ObjectNode tree) {
        try {
            return JSON.treeToValue(tree, PipelineSpec.class);
        } catch (UnrecognizedPropertyException e) {
            String at = path(e.getPath().subList(0, e.getPath().size() - 1));
            throw new SpecException(List.of("unknown field '" + e.getPropertyName() + "' at " + label(at)));
        } catch (InvalidFormatException e) {
            if (e.getTargetType() != null && e.getTargetType().isEnum()) {
                throw new SpecException(List.of(path(e.getPath()) + ": unknown value '" + e.getValue() + "' (known: "
                        + String.join(", ", enumNames(e.getTargetType())) + ")"));
            }
            throw new SpecException(List.of(path(e.getPath()) + ": expected " + e.getTargetType().getSimpleName()
                    + " (was '" + e.getValue() + "')"));
        } catch (ValueInstantiationException e) {
            String cause = e.getCause() != null ? e.getCause().getMessage() : e.getOriginalMessage();
            throw new SpecException(List.of(path(e.getPath()) + ": " + cause));
        } catch (JsonMappingException e) {
            throw new SpecException(List.of(path(e.getPath()) + ": " + e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new SpecException(List.of("cannot read spec: " + e.getOriginalMessage()));
        }
    }

    /** An enum's spec spellings (its {@code @JsonProperty} names), e.g. {@code r1_zero, r1_zero_short}. */
    static List<String> enumNames(Class<?> enumType) {
        return java.util.Arrays.stream(enumType.getFields()).filter(java.lang.reflect.Field::isEnumConstant).map(f -> {
            com.fasterxml.jackson.annotation.JsonProperty p =
                    f.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
            return p != null ? p.value() : f.getName();
        }).toList();
    }

    private static ObjectNode readObject(String text, String source) {
        try {
            JsonNode n = YAML.readTree(text);
            if (n == null || !n.isObject()) {
                throw new SpecException(List.of(source + ": expected a mapping at the top level"));
            }
            return (ObjectNode) n;
        } catch (JsonProcessingException e) {
            throw new SpecException(List.of(source + ": cannot parse YAML/JSON: " + e.getOriginalMessage()));
        }
    }

    /**
     * If the document names a {@code preset}, merges it over that preset's tree. {@code depth} 0 is a user's document,
     * 1 a bundled preset, which may itself extend one bundled preset ({@code smoke} extends {@code tiny}), no deeper.
     */
    private static ObjectNode resolvePreset(ObjectNode tree, int depth) {
        JsonNode p = tree.remove("preset");
        if (p == null) {
            return tree;
        }
        if (!p.isTextual() || depth > 1) {
            throw new SpecException(List.of("preset: must name one of " + PipelineSpec.PRESETS));
        }
        ObjectNode base = presetTree(p.asText(), depth + 1);
        merge(base, tree);
        return base;
    }

    private static ObjectNode presetTree(String name) {
        return presetTree(name, 1);
    }

    private static ObjectNode presetTree(String name, int depth) {
        if (!PipelineSpec.PRESETS.contains(name)) {
            throw new SpecException(List.of("preset: unknown preset '" + name + "' (known: "
                    + String.join(", ", PipelineSpec.PRESETS) + ")"));
        }
        try (InputStream in = SpecParser.class.getResourceAsStream("/presets/" + name + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("preset resource missing: /presets/" + name + ".yaml");
            }
            return resolvePreset(readObject(new String(in.readAllBytes(), StandardCharsets.UTF_8), "preset " + name), depth);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read preset " + name, e);
        }
    }

    /** Deep merge: objects merge key by key, anything else in {@code over} replaces. */
    static void merge(ObjectNode base, ObjectNode over) {
        over.fields().forEachRemaining(e -> {
            JsonNode b = base.get(e.getKey());
            if (b instanceof ObjectNode bo && e.getValue() instanceof ObjectNode oo) {
                merge(bo, oo);
            } else {
                base.set(e.getKey(), e.getValue());
            }
        });
    }

    static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    static String label(String path) {
        return path.isEmpty() ? "top level" : path;
    }
}
