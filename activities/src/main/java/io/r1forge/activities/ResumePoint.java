package io.r1forge.activities;

import io.r1forge.activities.store.ArtifactId;
import io.r1forge.activities.store.ArtifactStore;
import io.r1forge.activities.store.Manifest;
import io.r1forge.activities.store.RunCatalog;
import io.r1forge.activities.store.RunRecord;
import io.r1forge.stages.pipeline.TrainingLoop;
import io.r1forge.workflows.ArtifactRef;
import io.r1forge.workflows.StageProgress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a stage attempt continues from: a committed resume snapshot (kind {@code train-state}: weights + training
 * state at {@code step}) or the stage's already committed final checkpoint (kind {@code checkpoint}: training is
 * done, only the evaluation and the other outputs remain).
 *
 * <p>Found, in order: the heartbeat details of the previous Temporal attempt of this activity call; else (a fresh
 * call — an operator retry, or a new run replacing an interrupted one) the newest snapshot committed in S3 for
 * this stage of this run or of the run it replaces ({@code RunRecord.parentRunId}). A snapshot is used only if
 * its manifest's config equals this attempt's: an operator retry that changed the config starts over.
 */
record ResumePoint(ArtifactRef ref, long step) {
    private static final Logger log = LoggerFactory.getLogger(ResumePoint.class);

    /** Training already finished: the ref is the final checkpoint. */
    boolean trained() {
        return ArtifactRef.KIND_CHECKPOINT.equals(ref.kind());
    }

    static Optional<ResumePoint> find(Optional<StageProgress> heartbeat, StageAttempt attempt, RunCatalog catalog) {
        if (heartbeat.isPresent() && heartbeat.get().lastCommittedCheckpoint() != null) {
            ArtifactRef ref = heartbeat.get().lastCommittedCheckpoint();
            long step = ArtifactRef.KIND_TRAIN_STATE.equals(ref.kind()) ? stepOf(ArtifactRefs.id(ref))
                    : heartbeat.get().step();
            if (sameConfig(attempt, ArtifactRefs.id(ref))) {
                return Optional.of(new ResumePoint(ref, step));
            }
        }
        return newestSnapshot(attempt, catalog);
    }

    private static Optional<ResumePoint> newestSnapshot(StageAttempt attempt, RunCatalog catalog) {
        String runId = attempt.request().runId();
        List<String> runs = new ArrayList<>(List.of(runId));
        catalog.get(runId).map(RunRecord::parentRunId).ifPresent(runs::add);
        List<ArtifactId> candidates = new ArrayList<>();
        for (String run : runs) {
            candidates.addAll(attempt.store().list(StageAttempt.resumePrefix(run, attempt.stage())));
        }
        candidates.sort(Comparator.comparingLong(ResumePoint::stepOf).reversed());
        for (ArtifactId id : candidates) {
            if (sameConfig(attempt, id)) {
                return Optional.of(new ResumePoint(ArtifactRefs.of(attempt.store(), id), stepOf(id)));
            }
        }
        return Optional.empty();
    }

    private static boolean sameConfig(StageAttempt attempt, ArtifactId id) {
        Optional<Manifest> m = attempt.store().find(id);
        boolean same = m.isPresent() && attempt.config().manifestConfig().equals(m.get().config());
        if (m.isPresent() && !same) {
            log.info("not resuming from {}: its stage config differs from this attempt's", id);
        }
        return same;
    }

    /** The step of a {@code …/step-000120} snapshot id (0 for other names). */
    static long stepOf(ArtifactId id) {
        String v = id.value();
        String last = v.substring(v.lastIndexOf('/') + 1);
        return last.startsWith("step-") ? Long.parseLong(last.substring(5)) : 0;
    }

    /** Downloads (verified) into {@code out/resume} or, for a trained stage, {@code out/checkpoint}. */
    void materialize(ArtifactStore store, Path out) {
        store.fetch(ArtifactRefs.id(ref), out.resolve(trained() ? TrainingLoop.CHECKPOINT : TrainingLoop.RESUME));
    }
}
