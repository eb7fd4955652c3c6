package io.r1forge.cli.commands;

import io.r1forge.activities.store.ArtifactId;
import io.r1forge.activities.store.ArtifactStore;
import io.r1forge.activities.store.LineageGraph;
import io.r1forge.activities.store.VerifyReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code r1 verify}: re-hashes every file of an artifact (or of every output of a run) and of all their ancestors,
 * and reports each artifact and each bad or missing file by name.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Recompute the sha256 of every file of an artifact, or of a run's outputs, and of every"
                + " ancestor.", "Exit 1 naming each corrupt or missing artifact and file."})
public final class VerifyCommand extends SessionCommand {
    @Parameters(index = "0", paramLabel = "RUN|ARTIFACT", description = "a run id or an artifact id")
    String target;

    @Override
    int run(ConnectionOptions.Session s, PrintWriter out, PrintWriter err) {
        Set<ArtifactId> all = new LinkedHashSet<>();
        List<ArtifactId> missing = new ArrayList<>();
        for (ArtifactId root : roots(s)) {
            LineageGraph g = s.store().lineage(root);
            for (LineageGraph.Node n : g.nodes()) {
                if (n.missing()) {
                    missing.add(n.id());
                } else {
                    all.add(n.id());
                }
            }
        }
        int bad = check(s.store(), all, out);
        for (ArtifactId m : missing) {
            out.println("MISSING  " + m + " (named as a parent, no manifest)");
        }
        out.println((bad + missing.size() == 0 ? "OK: " : "FAILED: ") + all.size() + " artifacts checked, "
                + bad + " corrupt, " + missing.size() + " missing");
        return bad + missing.size() == 0 ? 0 : FAILED;
    }

    private List<ArtifactId> roots(ConnectionOptions.Session s) {
        Optional<ArtifactId> id = ArtifactTargets.artifact(target);
        if (id.isEmpty()) {
            return ArtifactTargets.outputs(ArtifactTargets.run(s.catalog(), target));
        }
        if (!s.store().exists(id.get())) {
            throw new Exit(FAILED, "artifact " + id.get() + " is not committed (no manifest)");
        }
        return List.of(id.get());
    }

    private static int check(ArtifactStore store, Set<ArtifactId> ids, PrintWriter out) {
        int bad = 0;
        for (ArtifactId id : ids) {
            VerifyReport r = store.verify(id);
            if (r.ok()) {
                out.println("ok       " + id + " (" + r.files().size() + " files)");
                continue;
            }
            bad++;
            for (VerifyReport.FileCheck f : r.problems()) {
                out.println(f.status() + " " + id + " file " + f.path() + ": expected sha256 " + f.expectedSha256()
                        + ", found " + (f.actualSha256() == null ? "no object" : f.actualSha256()));
            }
        }
        return bad;
    }
}
