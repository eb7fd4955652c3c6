package io.r1forge.activities.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The R1 pipeline shape in miniature: base and a data set → r1-zero and rs-sft (both from the base: a
 * diamond once they meet again) → an eval report over both.
 */
class LineageTest {
    @TempDir static Path s3Dir;
    @TempDir static Path work;
    static StoreFixture fx;
    static final ArtifactId BASE = ArtifactId.byRecipe(ArtifactKind.CHECKPOINT, "tiny-base", "ab".repeat(32));
    static final ArtifactId DATA = ArtifactId.forStage(ArtifactKind.DATASET, "run-9", "rejection-sampling", 1, "final");
    static final ArtifactId ZERO = ArtifactId.forStage(ArtifactKind.CHECKPOINT, "run-9", "r1-zero", 1, "final");
    static final ArtifactId SFT = ArtifactId.forStage(ArtifactKind.CHECKPOINT, "run-9", "rs-sft", 2, "final");
    static final ArtifactId EVAL = ArtifactId.forStage(ArtifactKind.EVAL_REPORT, "run-9", "eval", 1, "final");

    @BeforeAll
    static void commitDag() throws Exception {
        fx = new StoreFixture(s3Dir, RetryPolicy.DEFAULT);
        commit(BASE, "pretrain", List.of());
        commit(DATA, "rejection-sampling", List.of());
        commit(ZERO, "r1-zero", List.of(BASE));
        commit(SFT, "rs-sft", List.of(BASE, DATA));
        commit(EVAL, "eval", List.of(ZERO, SFT));
    }

    private static void commit(ArtifactId id, String stage, List<ArtifactId> parents) throws Exception {
        Path dir = work.resolve(id.value().replace('/', '_'));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("payload.txt"), id.value());
        fx.store.commit(ArtifactDraft.builder(id, dir).parents(parents)
                .producer(new Producer("run-9", stage, 1, "w")).codeVersion("test").build());
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    @Test
    void walksDiamondOnceEachWithAllEdges() throws Exception {
        LineageGraph g = fx.store.lineage(EVAL);
        assertEquals(List.of(BASE, DATA, ZERO, SFT, EVAL).stream().sorted().toList(),
                g.nodes().stream().map(LineageGraph.Node::id).toList());
        Set<String> edges = new HashSet<>();
        g.edges().forEach(e -> edges.add(e.parent() + " -> " + e.child()));
        assertEquals(Set.of(BASE + " -> " + ZERO, BASE + " -> " + SFT, DATA + " -> " + SFT,
                ZERO + " -> " + EVAL, SFT + " -> " + EVAL), edges);

        JsonNode json = StoreJson.MAPPER.readTree(g.toJson());
        assertEquals(EVAL.value(), json.get("root").asText());
        assertEquals(5, json.get("nodes").size());
        assertEquals(5, json.get("edges").size());
        assertEquals("rs-sft", findNode(json, SFT.value()).get("stage").asText());
        assertEquals("checkpoint", findNode(json, BASE.value()).get("kind").asText());

        String dot = g.toDot();
        assertTrue(dot.contains("\"" + BASE + "\" -> \"" + SFT + "\";"), dot);
        assertTrue(dot.contains("label=\"eval-report\\neval\\nrun-9\""), dot);
        assertEquals(5, dot.split("->", -1).length - 1);
    }

    private static JsonNode findNode(JsonNode graph, String id) {
        for (JsonNode n : graph.get("nodes")) {
            if (n.get("id").asText().equals(id)) {
                return n;
            }
        }
        throw new AssertionError("no node " + id);
    }

    @Test
    void lineageOfAnAncestorStopsAtItsOwnAncestors() {
        LineageGraph g = fx.store.lineage(ZERO);
        assertEquals(List.of(BASE, ZERO).stream().sorted().toList(),
                g.nodes().stream().map(LineageGraph.Node::id).toList());
        assertThrows(ArtifactNotFoundException.class, () -> fx.store.lineage(
                ArtifactId.forStage(ArtifactKind.CHECKPOINT, "nope", "x", 1, "final")));
    }

    @Test
    void dotRendersWithGraphviz() throws Exception {
        Path dotExe = Path.of("/usr/bin/dot");
        Assumptions.assumeTrue(Files.isExecutable(dotExe), "graphviz not installed");
        Path dotFile = work.resolve("lineage.dot");
        Path svg = work.resolve("lineage.svg");
        Files.writeString(dotFile, fx.store.lineage(EVAL).toDot());
        Process p = new ProcessBuilder(dotExe.toString(), "-Tsvg", dotFile.toString(), "-o", svg.toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.exitValue(), out);
        String rendered = Files.readString(svg).replace("&#45;", "-");
        assertTrue(rendered.contains("<svg"));
        assertTrue(rendered.contains("rs-sft") && rendered.contains("pretrain"), "labels rendered");
    }
}
