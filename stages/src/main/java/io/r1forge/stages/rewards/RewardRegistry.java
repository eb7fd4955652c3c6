package io.r1forge.stages.rewards;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Rewards by name: {@code accuracy}, {@code format}, {@code language}, {@code length}, {@code
 * repetition}, each with its default parameters.
 */
public final class RewardRegistry {
    private static final Map<String, Supplier<Reward>> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put("accuracy", AccuracyReward::new);
        FACTORIES.put("format", FormatReward::new);
        FACTORIES.put("language", LanguageConsistencyReward::new);
        FACTORIES.put("length", LengthPenalty::new);
        FACTORIES.put("repetition", RepetitionPenalty::new);
    }

    private RewardRegistry() {}

    /** The known names, in registry order. */
    public static List<String> names() {
        return List.copyOf(FACTORIES.keySet());
    }

    /** True if {@code name} is a known reward. */
    public static boolean isKnown(String name) {
        return FACTORIES.containsKey(name);
    }

    /**
     * A new reward.
     *
     * @throws IllegalArgumentException naming the unknown reward and listing the known ones
     */
    public static Reward create(String name) {
        Supplier<Reward> f = FACTORIES.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown reward '" + name + "' (known: " + String.join(", ", names()) + ")");
        }
        return f.get();
    }
}
