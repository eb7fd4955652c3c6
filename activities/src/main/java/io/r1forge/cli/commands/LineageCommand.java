package io.r1forge.cli.commands;

import io.r1forge.activities.store.ArtifactId;
import io.r1forge.activities.store.ArtifactNotFoundException;
import io.r1forge.activities.store.LineageGraph;
import io.r1forge.activities.store.RunRecord;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code r1 lineage}: the DAG of an artifact and all its ancestors, read from the manifests in S3. */
@Command(name = "lineage", mixinStandardHelpOptions = true,
        description = {"Print the lineage DAG of an artifact, or of a run's final checkpoint, back to the base.",
            "Nodes carry kind, producing run, stage and attempt; edges go from parent to child."})
public final class LineageCommand implements Callable<Integer> {
    enum Format { json, dot }

    @Parameters(index = "0", paramLabel = "RUN|ARTIFACT", description = "a run id or an artifact id")
    String target;

    @Option(names = "--format", defaultValue = "json", description = "json or dot (Graphviz); default ${DEFAULT-VALUE}")
    Format format;

    @Mixin ConnectionOptions connection;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ConnectionOptions.Session s = connection.open()) {
            Optional<ArtifactId> id = ArtifactTargets.artifact(target);
            if (id.isEmpty()) {
                Optional<RunRecord> run = s.catalog().get(target);
                if (run.isEmpty()) {
                    err.println("'" + target + "' is neither an artifact id nor a run in the catalog");
                    return 1;
                }
                id = ArtifactTargets.finalCheckpoint(run.get());
                if (id.isEmpty()) {
                    err.println("run " + target + " has not committed a checkpoint yet");
                    return 1;
                }
            }
            LineageGraph graph = s.store().lineage(id.get());
            out.print(format == Format.dot ? graph.toDot() : graph.toJson() + "\n");
            return 0;
        } catch (ArtifactNotFoundException e) {
            err.println(e.getMessage());
            return 1;
        }
    }
}
