package io.r1forge.activities;

import io.r1forge.activities.store.ArtifactExistsException;
import io.r1forge.activities.store.ArtifactId;
import io.r1forge.activities.store.MetricsWriter;
import io.r1forge.stages.pipeline.StepListener;
import io.r1forge.stages.pipeline.TrainingLoop;
import io.r1forge.stages.train.TrainingState;
import io.r1forge.workflows.ArtifactRef;
import io.r1forge.workflows.StageProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The step listener of a stage attempt: streams each step's metrics, commits every new resume snapshot to S3, and
 * then heartbeats {@link StageProgress} naming the last committed one — commit first, heartbeat second (DESIGN §4),
 * so a heartbeat never names a checkpoint that is not in S3.
 *
 * <p>The stages' {@code TrainingLoop} calls the listener for step s and <em>then</em> writes the snapshot of step s
 * to {@code out/resume}; so at step s the listener finds the snapshot of an earlier step, commits it once, and
 * names it. A snapshot is in S3 one step after it is written, and a retried attempt resumes from it.
 *
 * <p>Commit time is counted separately ({@link #commitSeconds}) so the stage's compute time excludes it.
 */
final class ResumeCheckpointer implements StepListener {
    private static final Logger log = LoggerFactory.getLogger(ResumeCheckpointer.class);

    /** Test hook: called before each step is reported, may throw to simulate a crash at that step. */
    interface StepFault {
        StepFault NONE = (attempt, step) -> {};

        void beforeStep(int attempt, long step);
    }

    private final StageAttempt attempt;
    private final StageHeartbeat heartbeat;
    private final MetricsWriter metrics;
    private final List<ArtifactId> parents;
    private final Path out;
    private final StepFault fault;
    private ArtifactRef lastCommitted;
    private long lastCommittedStep;
    private long lastStep;
    private double commitSeconds;
    private Map<String, Double> latest = Map.of();
    private final double priorCompute;
    private final long startNanos = System.nanoTime();

    /** @param priorCompute compute seconds of earlier attempts, carried in the heartbeat */
    ResumeCheckpointer(StageAttempt attempt, StageHeartbeat heartbeat, MetricsWriter metrics, List<ArtifactId> parents,
            Path out, ResumePoint resumedFrom, double priorCompute, StepFault fault) {
        this.priorCompute = priorCompute;
        this.attempt = attempt;
        this.heartbeat = heartbeat;
        this.metrics = metrics;
        this.parents = parents;
        this.out = out;
        this.fault = fault;
        if (resumedFrom != null) {
            lastCommitted = resumedFrom.ref();
            lastCommittedStep = resumedFrom.step();
            lastStep = resumedFrom.step();
        }
    }

    @Override
    public void onStep(String stage, long step, long totalSteps, Map<String, Double> stepMetrics) {
        heartbeat.checkCancelled();
        fault.beforeStep(attempt.attempt(), step);
        lastStep = step;
        latest = Map.copyOf(stepMetrics);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("step", step);
        row.putAll(stepMetrics);
        metrics.append(row);
        commitNewSnapshot();
        Map<String, Double> progress = new LinkedHashMap<>(latest);
        progress.put(StageRun.COMPUTE_SECONDS, priorCompute + (System.nanoTime() - startNanos) / 1e9 - commitSeconds);
        heartbeat.beat(new StageProgress(step, totalSteps, lastCommitted, progress));
    }

    /** Commits {@code out/resume} if it holds a snapshot newer than the last committed one. */
    private void commitNewSnapshot() {
        Path resume = out.resolve(TrainingLoop.RESUME);
        Path state = resume.resolve("state");
        if (!Files.isRegularFile(state.resolve(TrainingState.STATE_FILE))) {
            return;
        }
        long step = TrainingState.read(state).step();
        if (step <= lastCommittedStep) {
            return;
        }
        long t0 = System.nanoTime();
        try {
            lastCommitted = attempt.commit(attempt.resumeId(step), resume, parents, latest, 0);
            lastCommittedStep = step;
        } catch (ArtifactExistsException e) {
            // Another call with the same run-wide attempt number committed other bytes here: keep the older,
            // valid resume point rather than fail a healthy training run.
            log.warn("resume snapshot {} not committed: {}", attempt.resumeId(step), e.getMessage());
            lastCommittedStep = step;
        } finally {
            commitSeconds += (System.nanoTime() - t0) / 1e9;
        }
    }

    long lastStep() {
        return lastStep;
    }

    Map<String, Double> latestMetrics() {
        return latest;
    }

    ArtifactRef lastCommitted() {
        return lastCommitted;
    }

    double commitSeconds() {
        return commitSeconds;
    }
}
