package io.r1forge.stages.rewards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeightedRewardTest {
    private static Map<String, Double> weights(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        }
        return m;
    }

    @Test
    void sumsWeightedComponents() {
        WeightedReward w = new WeightedReward(weights("accuracy", 1, "format", 0.5, "language", 0.25));
        RewardBreakdown b = w.breakdown(new RewardInput(RewardsTest.ZH,
                "<think> 9 加 8 得 17, then ok </think> <answer> 17 </answer>"));
        assertEquals(Map.of("accuracy", 1.0, "format", 1.0, "language", 0.5), b.values());
        assertEquals(1 + 0.5 + 0.25 * 0.5, b.total(), 1e-12);
        assertEquals(List.of(), b.nanComponents());
        assertEquals(List.of("accuracy", "format", "language"), List.copyOf(b.values().keySet()));
    }

    @Test
    void nanComponentCountsAsZeroAndIsReported() {
        WeightedReward w = new WeightedReward(weights("accuracy", 1, "format", 1, "language", 1));
        RewardBreakdown b = w.breakdown(new RewardInput(RewardsTest.EN, "<answer> 17 </answer>"));
        assertTrue(Double.isNaN(b.values().get("language")));
        assertEquals(1.0, b.total(), 0.0);
        assertEquals(List.of("language"), b.nanComponents());
        assertEquals(1.0, w.score(new RewardInput(RewardsTest.EN, "<answer> 17 </answer>")), 0.0);
    }

    @Test
    void versionsAreRecorded() {
        WeightedReward w = new WeightedReward(weights("accuracy", 1, "format", 1));
        assertEquals(Map.of("accuracy", "accuracy-1", "format", "format-1"), w.versions());
        assertEquals("accuracy=accuracy-1,format=format-1", w.version());
    }

    @Test
    void unknownRewardIsNamedWithKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WeightedReward(weights("accuracy", 1, "fromat", 1)));
        assertEquals("unknown reward 'fromat' (known: accuracy, format, language, length, repetition)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new WeightedReward(weights("accuracy", Double.NaN)));
    }
}
