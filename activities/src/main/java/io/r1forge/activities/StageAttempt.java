package io.r1forge.activities;

import io.r1forge.activities.store.ArtifactDraft;
import io.r1forge.activities.store.ArtifactId;
import io.r1forge.activities.store.ArtifactKind;
import io.r1forge.activities.store.ArtifactStore;
import io.r1forge.activities.store.Producer;
import io.r1forge.workflows.ArtifactRef;
import io.r1forge.workflows.StageName;
import io.r1forge.workflows.StageRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One attempt of one stage: its coordinates (run, stage, run-wide attempt), the producer written into every
 * manifest, and the commits it makes. Artifact ids are functions of those coordinates and of the step
 * ({@link ArtifactId#forStage}), never of the content or the clock, so a re-executed commit addresses the same id.
 *
 * <p>Re-commits: the store accepts an identical re-commit (same files and lineage) as a no-op and refuses a
 * differing one with {@code ArtifactExistsException}. A differing re-commit means the same (run, stage, attempt,
 * step) produced other bytes — e.g. two activity calls given the same run-wide attempt number. The caller decides:
 * a resume snapshot is then skipped (the older resume point stays valid), an output fails the attempt retryably,
 * and the retry commits under its own, higher attempt number.
 *
 * @param attempt run-wide attempt: {@code request.attempt() + ActivityInfo.getAttempt() - 1}
 */
record StageAttempt(StageRequest request, int attempt, StageConfig config, Producer producer, ArtifactStore store) {

    static StageAttempt of(StageRequest request, int temporalAttempt, StageConfig config, ArtifactStore store) {
        int attempt = request.attempt() + temporalAttempt - 1;
        return new StageAttempt(request, attempt, config,
                new Producer(request.runId(), segment(request.stage()), attempt, WorkerIdentity.get()), store);
    }

    /** The stage as an id segment and producer name: {@code R1_ZERO} → {@code r1-zero}. */
    static String segment(StageName stage) {
        return stage.name().toLowerCase().replace('_', '-');
    }

    StageName stage() {
        return request.stage();
    }

    /** {@code <kind>/<run>/<stage>/attempt-<n>/<name>}. */
    ArtifactId outputId(ArtifactKind kind, String name) {
        return ArtifactId.forStage(kind, request.runId(), segment(stage()), attempt, name);
    }

    /** The resume snapshot at {@code step}: {@code train-state/<run>/<stage>/attempt-<n>/step-000120}. */
    ArtifactId resumeId(long step) {
        return outputId(ArtifactKind.TRAIN_STATE, String.format("step-%06d", step));
    }

    /** Prefix of every resume snapshot of this stage of {@code runId}, over all attempts. */
    static String resumePrefix(String runId, StageName stage) {
        return ArtifactKind.TRAIN_STATE.wireName() + "/" + runId + "/" + segment(stage) + "/";
    }

    /** Commits {@code dir} as {@code id} with this attempt's full lineage; returns its ref. */
    ArtifactRef commit(ArtifactId id, Path dir, List<ArtifactId> parents, Map<String, Double> metrics,
            double wallSeconds) {
        ArtifactDraft draft = ArtifactDraft.builder(id, dir)
                .parents(parents)
                .producer(producer)
                .config(config.manifestConfig())
                .rewardVersions(config.rewardVersions())
                .codeVersion(CodeVersion.get())
                .seed(config.seed())
                .metricsSummary(metrics)
                .wallSeconds(wallSeconds)
                .build();
        store.commit(draft);
        return ArtifactRefs.of(store, id);
    }
}
