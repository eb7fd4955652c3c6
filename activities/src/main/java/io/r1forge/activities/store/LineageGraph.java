package io.r1forge.activities.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * An artifact and all its ancestors: a DAG (stage 4b's SFT starts again from the base, so the base is reached
 * along several paths, and diamonds are normal). Each artifact is one node however many paths lead to it.
 *
 * @param root  the artifact whose lineage this is
 * @param nodes sorted by id
 * @param edges parent → child, sorted
 */
public record LineageGraph(ArtifactId root, List<Node> nodes, List<Edge> edges) {
    /**
     * @param missing a parent named by a manifest but not committed (dangling reference): shown, not fatal
     */
    public record Node(ArtifactId id, ArtifactKind kind, String runId, String stage, int attempt, boolean missing) {}

    public record Edge(ArtifactId parent, ArtifactId child) {}

    public LineageGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /** Breadth-first over parents; {@code manifests} returns empty for an id without a manifest. */
    static LineageGraph walk(ArtifactId root, Function<ArtifactId, Optional<Manifest>> manifests) {
        List<Node> nodes = new ArrayList<>();
        Set<Edge> edges = new LinkedHashSet<>();
        Set<ArtifactId> seen = new HashSet<>();
        Deque<ArtifactId> queue = new ArrayDeque<>(List.of(root));
        seen.add(root);
        while (!queue.isEmpty()) {
            ArtifactId id = queue.poll();
            Optional<Manifest> manifest = manifests.apply(id);
            if (manifest.isEmpty()) {
                if (id.equals(root)) {
                    throw new ArtifactNotFoundException(root);
                }
                nodes.add(new Node(id, id.kind(), null, null, 0, true));
                continue;
            }
            Manifest m = manifest.get();
            Producer p = m.producer();
            nodes.add(new Node(id, m.kind(), p.runId(), p.stage(), p.attempt(), false));
            for (ArtifactId parent : m.parents()) {
                edges.add(new Edge(parent, id));
                if (seen.add(parent)) {
                    queue.add(parent);
                }
            }
        }
        nodes.sort(Comparator.comparing(Node::id));
        List<Edge> sorted = new ArrayList<>(edges);
        sorted.sort(Comparator.comparing(Edge::parent).thenComparing(Edge::child));
        return new LineageGraph(root, nodes, sorted);
    }

    public String toJson() {
        return new String(StoreJson.write(this), StandardCharsets.UTF_8);
    }

    /** Graphviz: one box per artifact labelled kind / stage / run, an arrow from each parent to its child. */
    public String toDot() {
        StringBuilder dot = new StringBuilder("digraph lineage {\n  rankdir=LR;\n"
                + "  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n");
        for (Node n : nodes) {
            String label = n.missing()
                    ? n.kind().wireName() + "\\n(missing)\\n" + quote(n.id().value())
                    : n.kind().wireName() + "\\n" + quote(n.stage()) + "\\n" + quote(n.runId());
            dot.append("  \"").append(quote(n.id().value())).append("\" [label=\"").append(label).append('"');
            if (n.id().equals(root)) {
                dot.append(", penwidth=2");
            }
            if (n.missing()) {
                dot.append(", style=dashed");
            }
            dot.append("];\n");
        }
        for (Edge e : edges) {
            dot.append("  \"").append(quote(e.parent().value())).append("\" -> \"")
                    .append(quote(e.child().value())).append("\";\n");
        }
        return dot.append("}\n").toString();
    }

    private static String quote(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
