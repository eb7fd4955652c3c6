package io.r1forge.activities;

import io.r1forge.activities.store.ArtifactExistsException;
import io.r1forge.activities.store.ArtifactId;
import io.r1forge.activities.store.ArtifactKind;
import io.r1forge.stages.eval.EvalReport;
import io.r1forge.workflows.ArtifactRef;
import io.r1forge.workflows.StageName;
import io.r1forge.workflows.StageProgress;
import io.r1forge.workflows.StageResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The phases of one stage attempt after its inputs are local: train (or take the trained checkpoint it resumes
 * from), commit the checkpoint and heartbeat it, produce samples or data, evaluate, commit the outputs.
 *
 * <p>Compute time is the wall time of training, sampling and evaluation, without input fetches and commits, and
 * added up over attempts through the heartbeat ({@code compute_seconds} in the progress metrics): the workflow's
 * orchestration overhead is the stage's wall time minus it.
 */
final class StageRun {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StageRun.class);
    static final String COMPUTE_SECONDS = "compute_seconds";

    private final StageAttempt attempt;
    private final StageHeartbeat heartbeat;
    private final StageExecutor executor;
    private final ResumeCheckpointer listener;
    private final List<ArtifactId> parents;
    private final ResumePoint resume;
    private final Path out;
    private final double priorCompute;
    private double compute;

    StageRun(StageAttempt attempt, StageHeartbeat heartbeat, StageExecutor executor, ResumeCheckpointer listener,
            List<ArtifactId> parents, ResumePoint resume, Path out, double priorCompute) {
        this.attempt = attempt;
        this.heartbeat = heartbeat;
        this.executor = executor;
        this.listener = listener;
        this.parents = parents;
        this.resume = resume;
        this.out = out;
        this.priorCompute = priorCompute;
    }

    /** Parents of every artifact trained here: the inputs, and the snapshot training resumed from. */
    static List<ArtifactId> parents(Map<String, ArtifactRef> inputs, ResumePoint resume) {
        List<ArtifactId> ids = new ArrayList<>();
        inputs.values().forEach(r -> ids.add(ArtifactRefs.id(r)));
        if (resume != null && !resume.trained()) {
            ids.add(ArtifactRefs.id(resume.ref()));
        }
        return ids.stream().distinct().sorted().toList();
    }

    StageResult run(Path model, Path data) {
        Map<String, ArtifactRef> outputs = new LinkedHashMap<>();
        Path checkpoint = null;
        if (StageExecutor.trains(attempt.stage())) {
            checkpoint = trainedCheckpoint(model, data, outputs);
        }
        heartbeat.checkCancelled();
        long t0 = System.nanoTime();
        Map<String, Path> extras = executor.extraOutputs(checkpoint != null ? checkpoint : model);
        compute += seconds(t0);
        Map<String, Double> metrics = new LinkedHashMap<>(executor.sampleMetrics());
        for (Map.Entry<String, Path> e : extras.entrySet()) {
            List<ArtifactId> from = checkpoint != null ? List.of(ArtifactRefs.id(outputs.get(StageName.OUT_CHECKPOINT)))
                    : parents;
            outputs.put(e.getKey(), attempt.commit(attempt.outputId(ArtifactKind.DATASET, e.getKey()), e.getValue(),
                    from, executor.sampleMetrics(), seconds(t0)));
        }
        if (checkpoint != null) {
            heartbeat.checkCancelled();
            metrics.putAll(evaluate(checkpoint, outputs));
        }
        listener.latestMetrics().forEach((k, v) -> StageExecutor.put(metrics, "train_" + k, v));
        long steps = StageExecutor.trains(attempt.stage()) ? listener.lastStep()
                : executor.sampleMetrics().getOrDefault("kept", 0.0).longValue();
        return new StageResult(attempt.stage(), outputs, metrics, steps, priorCompute + compute, attempt.attempt());
    }

    /** Trains (unless resuming a trained stage), commits the checkpoint, then heartbeats it. */
    private Path trainedCheckpoint(Path model, Path data, Map<String, ArtifactRef> outputs) {
        Path checkpoint;
        ArtifactRef ref;
        if (resume != null && resume.trained()) {
            checkpoint = out.resolve(io.r1forge.stages.pipeline.TrainingLoop.CHECKPOINT);
            ref = resume.ref();
        } else {
            long t0 = System.nanoTime();
            checkpoint = executor.train(model, data);
            compute += seconds(t0) - listener.commitSeconds();
            log.info("{} trained in {} s ({} s of it committing snapshots)", attempt.stage(),
                    Math.round(seconds(t0)), Math.round(listener.commitSeconds()));
            ref = commitCheckpoint(checkpoint, seconds(t0));
        }
        outputs.put(StageName.OUT_CHECKPOINT, ref);
        heartbeat.beat(new StageProgress(listener.lastStep(), listener.lastStep(), ref, progressMetrics()));
        return checkpoint;
    }

    private ArtifactRef commitCheckpoint(Path checkpoint, double wallSeconds) {
        if (attempt.stage() != StageName.PRETRAIN_BASE) {
            return attempt.commit(attempt.outputId(ArtifactKind.CHECKPOINT, "final"), checkpoint, parents,
                    listener.latestMetrics(), wallSeconds);
        }
        String base = attempt.config().spec().baseModel();
        ArtifactId id = BaseResolver.builtinId(base.startsWith("builtin:") ? base
                : "builtin:" + attempt.config().spec().pretrain().modelPreset() + "-base", attempt.config().spec());
        try {
            return attempt.commit(id, checkpoint, parents, listener.latestMetrics(), wallSeconds);
        } catch (ArtifactExistsException e) {
            // Another run built the same recipe first: a recipe names one base, so every run uses that one.
            return ArtifactRefs.of(attempt.store(), id);
        }
    }

    private Map<String, Double> evaluate(Path checkpoint, Map<String, ArtifactRef> outputs) {
        long t0 = System.nanoTime();
        EvalReport report = executor.evaluate(checkpoint);
        compute += seconds(t0);
        log.info("{} evaluated in {} s", attempt.stage(), Math.round(seconds(t0)));
        Map<String, Double> evalMetrics = StageExecutor.evalMetrics(report);
        ArtifactId from = ArtifactRefs.id(outputs.get(StageName.OUT_CHECKPOINT));
        outputs.put(StageName.OUT_EVAL, attempt.commit(attempt.outputId(ArtifactKind.EVAL_REPORT, "eval"),
                executor.evalDir(), List.of(from), evalMetrics, seconds(t0)));
        return evalMetrics;
    }

    /** The latest training metrics plus the compute seconds so far (carried to the next attempt). */
    Map<String, Double> progressMetrics() {
        Map<String, Double> m = new LinkedHashMap<>(listener.latestMetrics());
        m.put(COMPUTE_SECONDS, priorCompute + compute);
        return m;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
