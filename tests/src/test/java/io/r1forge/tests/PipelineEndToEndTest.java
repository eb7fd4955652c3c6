package io.r1forge.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.r1forge.activities.ArtifactRefs;
import io.r1forge.activities.store.ArtifactId;
import io.r1forge.activities.store.ArtifactKind;
import io.r1forge.activities.store.LineageGraph;
import io.r1forge.activities.store.Manifest;
import io.r1forge.activities.store.RunRecord;
import io.r1forge.activities.store.RunState;
import io.r1forge.tests.harness.Cli;
import io.r1forge.tests.harness.EmbeddedStack;
import io.r1forge.tests.harness.Pipelines;
import io.r1forge.tests.harness.Runs;
import io.r1forge.tests.harness.SharedStack;
import io.r1forge.tests.harness.ShortSpecs;
import io.r1forge.tests.harness.WorkerProcess;
import io.r1forge.workflows.ArtifactRef;
import io.r1forge.workflows.PipelineResult;
import io.r1forge.workflows.StageName;
import io.r1forge.workflows.StageState;
import io.r1forge.workflows.StageStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shortened tiny pipeline through the whole embedded stack — a real Temporal gRPC server, a real S3 server, a
 * worker JVM training with DJL — to COMPLETED. One run is shared by the three checks here (outputs, verify,
 * lineage): the run is the expensive part, the checks are reads.
 */
@ExtendWith(SharedStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineEndToEndTest {
    /** Stages of the shortened spec (no distill section: DISTILL is disabled). */
    private static final Set<StageName> TRAINED = Set.of(StageName.R1_ZERO, StageName.COLD_START_SFT,
            StageName.REASONING_RL, StageName.RS_SFT, StageName.FINAL_RL);

    private EmbeddedStack stack;
    private WorkerProcess worker;
    private String runId;
    private PipelineResult result;
    private double wallSeconds;

    @BeforeAll
    void runThePipeline(EmbeddedStack shared) {
        stack = shared;
        worker = WorkerProcess.start(stack, "e2e-worker");
        long t0 = System.nanoTime();
        runId = Pipelines.runViaCli(stack, ShortSpecs.pipeline("e2e"));
        result = Runs.awaitEnd(stack, runId, Runs.RUN_PATIENCE, () -> worker.tail(60));
        wallSeconds = (System.nanoTime() - t0) / 1e9;
    }

    @AfterAll
    void stopWorker() throws InterruptedException {
        if (worker != null) {
            worker.close();
        }
        Runs.terminateQuietly(stack, runId);
    }

    @Test
    void runCompletesWithEveryStageCommitted() {
        assertEquals(io.r1forge.workflows.RunState.COMPLETED, result.state(), () -> result + "\n" + worker.tail(60));
        for (StageName stage : TRAINED) {
            StageStatus s = result.stages().get(stage);
            assertEquals(StageState.SUCCEEDED, s.state(), stage + ": " + s);
            assertCommitted(stage, s.outputs().get(StageName.OUT_CHECKPOINT), ArtifactKind.CHECKPOINT);
            assertCommitted(stage, s.outputs().get(StageName.OUT_EVAL), ArtifactKind.EVAL_REPORT);
            assertTrue(s.metrics().containsKey("pass@1"), stage + " eval metrics: " + s.metrics());
        }
        assertCommitted(StageName.R1_ZERO, result.stages().get(StageName.R1_ZERO).outputs().get(StageName.OUT_SAMPLES),
                ArtifactKind.DATASET);
        StageStatus rs = result.stages().get(StageName.REJECTION_SAMPLING);
        assertEquals(StageState.SUCCEEDED, rs.state(), rs.toString());
        assertCommitted(StageName.REJECTION_SAMPLING, rs.outputs().get(StageName.OUT_DATASET), ArtifactKind.DATASET);
        assertEquals(StageState.SKIPPED, result.stages().get(StageName.DISTILL).state(), "no distill section");
        assertEquals(result.stages().get(StageName.FINAL_RL).outputs().get(StageName.OUT_CHECKPOINT),
                result.finalModel());

        RunRecord record = stack.catalog().get(runId).orElseThrow();
        assertEquals(RunState.SUCCEEDED, record.state(), record.toString());
        printOverhead();
    }

    private void assertCommitted(StageName stage, ArtifactRef ref, ArtifactKind kind) {
        assertNotNull(ref, stage + " has no " + kind.wireName() + " output");
        Manifest m = stack.store().manifest(ArtifactRefs.id(ref));
        assertEquals(kind, m.kind(), ref.id());
        assertTrue(ArtifactRefs.manifestMatches(stack.store(), ref), ref.id() + ": manifest hash differs from ref");
        assertEquals(runId, m.producer().runId(), ref.id() + " producer");
        assertFalse(m.files().isEmpty(), ref.id() + " has no files");
        if (kind == ArtifactKind.CHECKPOINT) {
            Set<String> files = m.files().stream().map(f -> f.path()).collect(Collectors.toSet());
            assertTrue(files.containsAll(Set.of("config.json", "model.safetensors", "tokenizer.json",
                    "generation_config.json")), ref.id() + " is not an HF-layout checkpoint: " + files);
        }
    }

    /**
     * Orchestration overhead = wall time − Σ stage compute seconds, as a fraction of the wall time. The stages'
     * {@code StageResult.computeSeconds} does not reach the workflow's status, so it is read from each stage's
     * "attempt N done: S steps, C s compute" worker log line (whole seconds).
     */
    private void printOverhead() {
        Matcher m = Pattern.compile(Pattern.quote(runId)
                + " ([A-Z_0-9]+) attempt \\d+ done: \\d+ steps, (\\d+) s compute").matcher(worker.log());
        double compute = 0;
        int stages = 0;
        while (m.find()) {
            compute += Double.parseDouble(m.group(2));
            stages++;
        }
        System.out.printf("E2E pipeline %s: wall %.1f s, compute of %d stages %.0f s, orchestration overhead %.1f s"
                        + " (%.0f%% of wall time)%n", runId, wallSeconds, stages, compute, wallSeconds - compute,
                100 * (wallSeconds - compute) / wallSeconds);
        assertTrue(stages >= TRAINED.size() + 1, "a compute line per stage in the worker log");
        assertTrue(compute > 0 && compute < wallSeconds, "compute " + compute + " s vs wall " + wallSeconds + " s");
    }

    @Test
    void verifyPassesForTheCompletedRun() {
        Cli.Result r = Cli.temporal(stack, "verify", runId);
        assertEquals(0, r.exitCode(), r.toString());
        for (StageName stage : TRAINED) {
            ArtifactRef ckpt = result.stages().get(stage).outputs().get(StageName.OUT_CHECKPOINT);
            assertTrue(stack.store().verify(ArtifactRefs.id(ckpt)).ok(), ckpt.id());
        }
    }

    @Test
    void lineageOfTheFinalCheckpointReachesTheBase() throws Exception {
        ArtifactRef finalCkpt = result.finalModel();
        LineageGraph g = stack.store().lineage(ArtifactRefs.id(finalCkpt));
        Map<ArtifactId, LineageGraph.Node> nodes = g.nodes().stream()
                .collect(Collectors.toMap(LineageGraph.Node::id, n -> n));
        assertTrue(g.nodes().stream().noneMatch(LineageGraph.Node::missing), "missing ancestors: " + g.nodes());

        ArtifactId rsSft = id(StageName.RS_SFT, StageName.OUT_CHECKPOINT);
        ArtifactId rsData = id(StageName.REJECTION_SAMPLING, StageName.OUT_DATASET);
        ArtifactId base = baseOf(rsSft);
        assertTrue(nodes.containsKey(base), "the base " + base + " is in the lineage");
        assertEquals(ArtifactKind.CHECKPOINT, nodes.get(base).kind());
        assertTrue(base.value().startsWith("checkpoint/by-recipe/tiny-base/"), "RS-SFT starts from the base: " + base);
        // RS-SFT starts again from the base (DESIGN §2), not from reasoning RL.
        assertTrue(g.edges().contains(new LineageGraph.Edge(base, rsSft)), "base → RS-SFT edge: " + g.edges());
        assertTrue(stack.store().manifest(id(StageName.R1_ZERO, StageName.OUT_CHECKPOINT)).parents().contains(base),
                "R1-Zero and RS-SFT start from the same base");
        assertTrue(g.edges().contains(new LineageGraph.Edge(rsData, rsSft)), "data → RS-SFT edge: " + g.edges());
        for (ArtifactId dataset : Set.of(rsData, id(StageName.R1_ZERO, StageName.OUT_SAMPLES))) {
            LineageGraph.Node n = nodes.get(dataset);
            assertNotNull(n, dataset + " is in the lineage");
            assertEquals(ArtifactKind.DATASET, n.kind());
            assertEquals(runId, n.runId(), dataset + " producer run");
            assertNotNull(n.stage(), dataset + " producer stage");
        }

        Cli.Result dot = Cli.temporal(stack, "lineage", finalCkpt.id(), "--format", "dot");
        assertEquals(0, dot.exitCode(), dot.toString());
        assertTrue(dot.out().contains("digraph"), dot.out());
        renderWithGraphviz(dot.out());
    }

    private ArtifactId id(StageName stage, String output) {
        return ArtifactRefs.id(result.stages().get(stage).outputs().get(output));
    }

    /** The base checkpoint RS-SFT started from: its checkpoint parent that no stage of this run produced. */
    private ArtifactId baseOf(ArtifactId rsSft) {
        return stack.store().manifest(rsSft).parents().stream()
                .filter(p -> p.kind() == ArtifactKind.CHECKPOINT)
                .findFirst().orElseThrow(() -> new AssertionError(rsSft + " has no checkpoint parent"));
    }

    private void renderWithGraphviz(String dot) throws Exception {
        Path graphviz = Path.of("/usr/bin/dot");
        Assumptions.assumeTrue(Files.isExecutable(graphviz), "Graphviz is not installed");
        Path in = stack.dir().resolve("lineage-" + runId + ".dot");
        Path svg = stack.dir().resolve("lineage-" + runId + ".svg");
        Files.writeString(in, dot);
        Process p = new ProcessBuilder(graphviz.toString(), "-Tsvg", in.toString(), "-o", svg.toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "dot hangs");
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.exitValue(), "dot -Tsvg failed: " + out);
        assertTrue(Files.readString(svg).contains("<svg"), "no SVG from dot");
    }
}
