package io.r1forge.cli.commands;

import io.r1forge.activities.store.ArtifactId;
import io.r1forge.activities.store.ArtifactNotFoundException;
import io.r1forge.activities.store.LineageGraph;
import io.r1forge.activities.store.RunCatalog;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code r1 lineage}: the DAG of an artifact and all its ancestors, read from the manifests in S3. */
@Command(name = "lineage", mixinStandardHelpOptions = true,
        description = {"Print the lineage DAG of an artifact, or of a run's final checkpoint, back to the base.",
            "Nodes carry kind, producing run, stage and attempt; edges go from parent to child."})
public final class LineageCommand extends SessionCommand {
    enum Format { json, dot }

    @Parameters(index = "0", paramLabel = "RUN|ARTIFACT", description = "a run id or an artifact id")
    String target;

    @Option(names = "--format", defaultValue = "json", description = "json or dot (Graphviz); default ${DEFAULT-VALUE}")
    Format format;

    @Override
    int run(ConnectionOptions.Session s, PrintWriter out, PrintWriter err) {
        ArtifactId id = ArtifactTargets.artifact(target).orElseGet(() -> finalCheckpoint(s.catalog()));
        LineageGraph graph;
        try {
            graph = s.store().lineage(id);
        } catch (ArtifactNotFoundException e) {
            throw new Exit(FAILED, e.getMessage());
        }
        out.print(format == Format.dot ? graph.toDot() : graph.toJson() + "\n");
        return 0;
    }

    private ArtifactId finalCheckpoint(RunCatalog catalog) {
        return ArtifactTargets.finalCheckpoint(ArtifactTargets.run(catalog, target))
                .orElseThrow(() -> new Exit(FAILED, "run " + target + " has not committed a checkpoint yet"));
    }
}
