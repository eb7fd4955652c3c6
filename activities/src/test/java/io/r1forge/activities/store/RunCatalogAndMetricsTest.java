package io.r1forge.activities.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCatalogAndMetricsTest {
    @TempDir static Path s3Dir;
    static StoreFixture fx;

    @BeforeAll
    static void start() {
        fx = new StoreFixture(s3Dir, RetryPolicy.DEFAULT);
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    private static RunRecord run(String id, RunState state, Instant created, String parent) {
        return new RunRecord(id, "tiny", "ab".repeat(32), "pipeline-" + id, "trun-" + id, state, "r1-zero",
                created, created, parent, Map.of());
    }

    @Test
    void catalogStoresListsAndFlagsInterruptedRuns() {
        RunCatalog catalog = new RunCatalog(fx.store.blobs());
        Instant t0 = Instant.parse("2026-11-30T10:00:00Z");
        catalog.put(run("run-b", RunState.RUNNING, t0.plusSeconds(60), null));
        catalog.put(run("run-a", RunState.SUCCEEDED, t0, null));
        catalog.put(run("run-c", RunState.NEEDS_ATTENTION, t0.plusSeconds(120), null));
        catalog.put(run("run-d", RunState.RUNNING, t0.plusSeconds(180), "run-b"));
        RunRecord withOutput = catalog.get("run-b").orElseThrow()
                .withOutput("r1-zero", "checkpoint", "checkpoint/run-b/r1-zero/attempt-1/final", t0.plusSeconds(90));
        catalog.put(withOutput);
        // Metrics of a run share its prefix: listing runs must not mistake them for runs.
        fx.store.blobs().putBytes(MetricsWriter.prefix("run-b", "r1-zero", 1) + "chunk-00001.jsonl", "{}\n".getBytes());

        assertEquals(Optional.of(withOutput), catalog.get("run-b"));
        assertEquals(Optional.empty(), catalog.get("run-zzz"));
        assertEquals("checkpoint/run-b/r1-zero/attempt-1/final",
                catalog.get("run-b").orElseThrow().outputs().get("r1-zero").get("checkpoint"));
        assertEquals(List.of("run-a", "run-b", "run-c", "run-d"),
                catalog.list().stream().map(RunRecord::runId).toList());

        Set<String> liveWorkflows = Set.of("pipeline-run-d");
        List<RunRecord> effective = catalog.list(r -> liveWorkflows.contains(r.workflowId()));
        assertEquals(List.of(RunState.SUCCEEDED, RunState.INTERRUPTED, RunState.INTERRUPTED, RunState.RUNNING),
                effective.stream().map(RunRecord::state).toList());
        assertEquals("run-b", effective.get(3).parentRunId());
        assertEquals(RunState.RUNNING, catalog.get("run-b").orElseThrow().state(), "stored record unchanged");
    }

    @Test
    void metricsAreCutIntoImmutableChunksByCountAndByTime() throws Exception {
        S3Blobs blobs = fx.store.blobs();
        try (MetricsWriter w = new MetricsWriter(blobs, "run-m", "r1-zero", 1, 3, Duration.ofMillis(300))) {
            for (int step = 0; step < 7; step++) {
                w.append(Map.of("step", step, "loss", 1.0 / (step + 1)));
            }
            // Rows 0-5 go out as two full chunks, row 6 alone when the 300 ms timer fires.
            Thread.sleep(1_500);
            assertEquals(3, blobs.list(MetricsWriter.prefix("run-m", "r1-zero", 1)).size());
            assertEquals(7, MetricsWriter.readLines(blobs, "run-m", "r1-zero", 1).size());
            w.append(Map.of("step", 7, "loss", 0.125));
        }
        String prefix = MetricsWriter.prefix("run-m", "r1-zero", 1);
        assertEquals(List.of(prefix + "chunk-00001.jsonl", prefix + "chunk-00002.jsonl", prefix + "chunk-00003.jsonl",
                prefix + "chunk-00004.jsonl"), blobs.list(prefix));

        try (MetricsWriter again = new MetricsWriter(blobs, "run-m", "r1-zero", 1, 100, Duration.ofSeconds(60))) {
            again.append(Map.of("step", 8, "loss", 0.1));
        }
        assertTrue(blobs.exists(prefix + "chunk-00005.jsonl"), "a reopened writer appends a new chunk");

        List<Map<String, Object>> rows = MetricsWriter.readRows(blobs, "run-m", "r1-zero", 1);
        assertEquals(9, rows.size());
        for (int step = 0; step < 9; step++) {
            assertEquals(step, ((Number) rows.get(step).get("step")).intValue());
        }
        assertEquals(0.25, ((Number) rows.get(3).get("loss")).doubleValue(), 1e-12);
        assertEquals(List.of(), MetricsWriter.readLines(blobs, "run-m", "r1-zero", 2));
    }
}
