package io.r1forge.cli.commands;

import io.r1forge.activities.StageConfig;
import io.r1forge.workflows.StageName;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Stage names as users type them: {@code R1_ZERO}, {@code r1-zero} or the spec section {@code r1_zero}. */
final class Stages {
    private Stages() {}

    static StageName parse(String text) {
        for (StageName s : StageName.values()) {
            if (s.name().equalsIgnoreCase(text) || s.name().replace('_', '-').equalsIgnoreCase(text)
                    || StageConfig.section(s).equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown stage '" + text + "' (known: " + Arrays.stream(StageName.values())
                .map(s -> s.name().toLowerCase().replace('_', '-')).collect(Collectors.joining(", ")) + ")");
    }

    /** Overrides relative to {@code stage}'s spec section made absolute ({@code learning_rate} → {@code r1_zero.…}). */
    static Map<String, String> absolute(StageName stage, Map<String, String> overrides) {
        return stage == null ? new TreeMap<>(overrides) : StageConfig.absolute(stage, overrides);
    }
}
