package io.r1forge.stages.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingCurveTest {
    private static Map<String, Object> line(long step, double selfCheck, double length) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", step);
        m.put("self_check_rate", selfCheck);
        m.put("completion_length", length);
        m.put("accuracy", Double.NaN);
        return m;
    }

    @Test
    void windowsAreMeansOfConsecutiveSteps() {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int s = 1; s <= 7; s++) {
            lines.add(line(s, s / 10.0, 10 * s));
        }
        TrainingCurve c = TrainingCurve.of("r1-zero", lines, 3);
        // 7 steps in 3 windows: [1,2], [3,4], [5,6,7]
        assertEquals(3, c.windows().size());
        assertEquals(1, c.windows().get(0).fromStep());
        assertEquals(2, c.windows().get(0).toStep());
        assertEquals(5, c.windows().get(2).fromStep());
        assertEquals(7, c.windows().get(2).toStep());
        assertEquals(0.15, c.windows().get(0).means().get("self_check_rate"), 1e-12);
        assertEquals(60.0, c.windows().get(2).means().get("completion_length"), 1e-12);
        assertEquals(0.6 - 0.15, c.change("self_check_rate"), 1e-12);
        assertEquals(60.0 - 15.0, c.change("completion_length"), 1e-12);
        assertTrue(Double.isNaN(c.windows().get(0).means().get("accuracy")), "NaN steps are skipped");
        assertTrue(Double.isNaN(c.windows().get(0).means().get("kl")), "an absent metric is NaN");
        String md = c.toMarkdown();
        assertTrue(md.contains("| 5–7 |"), md);
        assertTrue(md.contains("| 60.0 |"), md);
    }

    @Test
    void fewerStepsThanBinsGiveOneWindowAStep() {
        TrainingCurve c = TrainingCurve.of("x", List.of(line(1, 0, 5), line(2, 1, 7)), 8);
        assertEquals(2, c.windows().size());
        assertEquals(1.0, c.change("self_check_rate"), 1e-12);
        assertTrue(Double.isNaN(TrainingCurve.of("x", List.of(line(1, 0, 5)), 8).change("self_check_rate")));
        assertThrows(IllegalArgumentException.class, () -> TrainingCurve.of("x", List.of(), 0));
    }

    @Test
    void readsTheStagesMetricsFile(@TempDir Path dir) {
        MetricsLog.append(dir, 1, Map.of("self_check_rate", 0.1, "completion_length", 70.0));
        MetricsLog.append(dir, 2, Map.of("self_check_rate", 0.3, "completion_length", 90.0));
        TrainingCurve c = TrainingCurve.read("r1-zero", dir, 2);
        assertEquals(0.2, c.change("self_check_rate"), 1e-12);
        assertEquals(20.0, c.change("completion_length"), 1e-12);
    }
}
