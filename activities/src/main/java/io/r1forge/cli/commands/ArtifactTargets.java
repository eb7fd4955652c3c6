package io.r1forge.cli.commands;

import io.r1forge.activities.store.ArtifactId;
import io.r1forge.activities.store.RunCatalog;
import io.r1forge.activities.store.RunRecord;
import io.r1forge.workflows.StageName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What {@code lineage} and {@code verify} accept: an artifact id, or a run id (its committed outputs). */
final class ArtifactTargets {
    private ArtifactTargets() {}

    /** An artifact id if {@code text} is one ({@code <kind>/…}), else empty. */
    static Optional<ArtifactId> artifact(String text) {
        if (!text.contains("/")) {
            return Optional.empty();
        }
        try {
            return Optional.of(ArtifactId.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The run's final checkpoint: the last stage in DAG order before DISTILL that committed one. */
    static Optional<ArtifactId> finalCheckpoint(RunRecord run) {
        ArtifactId last = null;
        for (StageName s : StageName.values()) {
            String id = run.outputs().getOrDefault(s.name(), Map.of()).get(StageName.OUT_CHECKPOINT);
            if (s != StageName.DISTILL && id != null) {
                last = ArtifactId.parse(id);
            }
        }
        return Optional.ofNullable(last);
    }

    /** Every committed output of the run, in DAG order. */
    static List<ArtifactId> outputs(RunRecord run) {
        List<ArtifactId> ids = new ArrayList<>();
        for (StageName s : StageName.values()) {
            run.outputs().getOrDefault(s.name(), Map.of()).values().forEach(id -> ids.add(ArtifactId.parse(id)));
        }
        return ids;
    }

    /** The run {@code target} names; {@link SessionCommand.Exit} if it names neither an artifact nor a run. */
    static RunRecord run(RunCatalog catalog, String target) {
        return SessionCommand.catalogRun(catalog, target,
                "'" + target + "' is neither an artifact id nor a run in the catalog");
    }
}
