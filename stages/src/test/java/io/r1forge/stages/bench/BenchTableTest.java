package io.r1forge.stages.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchTableTest {
    private static final BenchSettings SETTINGS =
            new BenchSettings(List.of("tiny"), 64, 3, 2, 16, 128, 10, 1, 16, 16, 64, 1, 1024);

    /** 1M parameters at 10,000 tokens/s = 6e10 FLOP/s: half of a 120 GFLOP/s peak. */
    private static final PhaseResult TRAIN =
            new PhaseResult("tiny", 1_000_000, Phase.TRAIN, List.of(9_000.0, 10_000.0, 12_000.0),
                    List.of(8_000.0, 4_000.0, 9_000.0));
    private static final PhaseResult GENERATE =
            new PhaseResult("tiny", 1_000_000, Phase.GENERATE, List.of(4_500.0), List.of(5_000.0));
    private static final PythonInfo PYTHON =
            new PythonInfo("3.11.2", "1.13.0", "/x/openblas-openmp/libblas.so.3", true, 2, 100.0);

    @Test
    void medianOfOddAndEvenRounds() {
        assertEquals(10_000.0, TRAIN.javaTokensPerSecond());
        assertEquals(2.5, PhaseResult.median(List.of(4.0, 1.0, 2.0, 3.0)));
        assertTrue(Double.isNaN(PhaseResult.median(List.of())));
    }

    @Test
    void peakFractionIsSixTimesParamsTimesTokensOverPeak() {
        assertEquals(0.5, BenchReport.peakFraction(1_000_000, 10_000, 120), 1e-12);
    }

    @Test
    void tableShowsRatiosAndPeakFractions() {
        String text = BenchTable.text(new BenchReport(SETTINGS, 2, 120.0, PYTHON, List.of(TRAIN, GENERATE)));
        // train: Java 10,000 vs Python median 8,000 -> 1.25x; peak 50% (Java) / 40% (Python)
        assertTrue(text.matches("(?s).*\\ntiny +1\\.00M +train +10,000 +8,000 +1\\.25x +50% / 40%\\n.*"), text);
        assertTrue(text.matches("(?s).*\\ntiny +1\\.00M +generate +4,500 +5,000 +0\\.90x\\n.*"), text);
        assertTrue(text.contains("OpenBLAS"), text);
        assertTrue(text.contains("fp32 matmul 1024x1024: Java (DJL) 120.0 GFLOP/s"), text);
        assertTrue(text.contains("6 x params"), text);
    }

    @Test
    void jsonCarriesMediansRatioAndFraction() throws Exception {
        JsonNode root = new ObjectMapper().readTree(
                BenchTable.json(new BenchReport(SETTINGS, 2, 120.0, PYTHON, List.of(TRAIN, GENERATE))));
        JsonNode train = root.get("results").get(0);
        assertEquals("train", train.get("phase").asText());
        assertEquals(1.25, train.get("java_over_python").asDouble(), 1e-12);
        assertEquals(0.5, train.get("java_peak_fraction").asDouble(), 1e-12);
        assertEquals(3, train.get("python_rounds").size());
        assertEquals(0.4, train.get("python_peak_fraction").asDouble(), 1e-12);
        assertTrue(root.get("python").get("open_blas").asBoolean());
        assertEquals(128, root.get("settings").get("seq_len").asInt());
    }
}
