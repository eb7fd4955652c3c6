package io.r1forge.activities;

import io.r1forge.activities.store.ArtifactCorruptException;
import io.r1forge.activities.store.ArtifactId;
import io.r1forge.activities.store.ArtifactNotFoundException;
import io.r1forge.activities.store.ArtifactStore;
import io.r1forge.activities.store.MetricsWriter;
import io.r1forge.activities.store.RunCatalog;
import io.r1forge.activities.store.StoreException;
import io.r1forge.stages.pipeline.PipelineContext;
import io.r1forge.stages.pipeline.TrainingLoop;
import io.r1forge.stages.spec.SpecException;
import io.r1forge.workflows.ArtifactRef;
import io.r1forge.workflows.FailureTypes;
import io.r1forge.workflows.StageActivities;
import io.r1forge.workflows.StageName;
import io.r1forge.workflows.StageProgress;
import io.r1forge.workflows.StageRequest;
import io.r1forge.workflows.StageResult;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stage activity on {@code r1-gpu}: fetch the inputs (verified), parse the stage config, resume from the last
 * committed snapshot, run the stage through the stages module while heartbeating and committing resume snapshots,
 * evaluate, and commit every output with its lineage manifest (STYLE 10).
 *
 * <p>Failures: an invalid config is {@link FailureTypes#INVALID_CONFIG} and a missing or corrupt input
 * {@link FailureTypes#INVALID_INPUT} (both not retried: the run asks its operator); anything else is retried by
 * Temporal and the retry resumes from the heartbeat. A cancelled activity stops at the next step boundary.
 *
 * <p>One stage at a time per JVM (the worker sets {@code maxConcurrentActivityExecutionSize = 1}): DJL allows one
 * open {@code GradientCollector} per process.
 */
public final class StageActivitiesImpl implements StageActivities {
    private static final Logger log = LoggerFactory.getLogger(StageActivitiesImpl.class);
    /** Metric rows per S3 chunk, and the longest a row waits for its chunk: the console plots within seconds. */
    static final int METRIC_ROWS_PER_CHUNK = 50;
    static final Duration METRIC_FLUSH = Duration.ofSeconds(5);

    private final ArtifactStore store;
    private final RunCatalog catalog;
    private final BaseResolver bases;
    private final Path workRoot;
    private final ResumeCheckpointer.StepFault fault;

    /** @param workRoot local scratch space; each attempt works in its own directory, deleted at its end */
    public StageActivitiesImpl(ArtifactStore store, Path workRoot) {
        this(store, workRoot, ResumeCheckpointer.StepFault.NONE);
    }

    StageActivitiesImpl(ArtifactStore store, Path workRoot, ResumeCheckpointer.StepFault fault) {
        this.store = store;
        this.catalog = new RunCatalog(store.blobs());
        this.bases = new BaseResolver(store, null);
        this.workRoot = workRoot;
        this.fault = fault;
    }

    @Override
    public StageResult runStage(StageRequest request) {
        ActivityExecutionContext ctx = Activity.getExecutionContext();
        StageConfig config = parseConfig(request);
        StageAttempt attempt = StageAttempt.of(request, ctx.getInfo().getAttempt(), config, store);
        Path work = workRoot.resolve(request.runId()).resolve(StageAttempt.segment(request.stage()))
                .resolve("attempt-" + attempt.attempt());
        Optional<StageProgress> previous = ctx.getHeartbeatDetails(StageProgress.class);
        log.info("{} {} attempt {} starting in {}", request.runId(), request.stage(), attempt.attempt(), work);
        deleteTree(work);
        try (StageHeartbeat heartbeat = new StageHeartbeat(ctx, previous.orElse(new StageProgress(0, 0, null, null)));
                MetricsWriter metrics = new MetricsWriter(store.blobs(), request.runId(),
                        StageAttempt.segment(request.stage()), attempt.attempt(), METRIC_ROWS_PER_CHUNK, METRIC_FLUSH)) {
            Map<String, Path> inputs = fetchInputs(request, work.resolve("inputs"));
            Path out = work.resolve("out");
            ResumePoint resume = resume(previous, attempt, out);
            double prior = previous.map(p -> p.latestMetrics().getOrDefault(StageRun.COMPUTE_SECONDS, 0.0)).orElse(0.0);
            ResumeCheckpointer listener = new ResumeCheckpointer(attempt, heartbeat, metrics,
                    StageRun.parents(request.inputs(), resume), out, resume, prior, fault);
            StageExecutor executor = new StageExecutor(config, PipelineContext.of(config.spec()), out, listener,
                    student -> student(request.runId(), config, student, work.resolve("inputs").resolve("student")));
            StageRun run = new StageRun(attempt, heartbeat, executor, listener,
                    StageRun.parents(request.inputs(), resume), resume, out, prior);
            StageResult result = run.run(inputs.get(StageName.IN_MODEL), inputs.get(StageName.IN_DATA));
            log.info("{} {} attempt {} done: {} steps, {} s compute, outputs {}", request.runId(), request.stage(),
                    attempt.attempt(), result.steps(), Math.round(result.computeSeconds()), result.outputs().keySet());
            return result;
        } finally {
            deleteTree(work);
        }
    }

    private static StageConfig parseConfig(StageRequest request) {
        try {
            return StageConfig.parse(request.stage(), request.configJson(), request.overrides());
        } catch (SpecException | IllegalArgumentException e) {
            throw ApplicationFailure.newNonRetryableFailure(
                    request.stage() + " config is invalid: " + e.getMessage(), FailureTypes.INVALID_CONFIG);
        }
    }

    /** Downloads every input, checking its manifest against the ref's hash and every file's sha256. */
    private Map<String, Path> fetchInputs(StageRequest request, Path dir) {
        Map<String, Path> local = new LinkedHashMap<>();
        for (Map.Entry<String, ArtifactRef> in : request.inputs().entrySet()) {
            ArtifactRef ref = in.getValue();
            Path target = dir.resolve(in.getKey());
            try {
                if (!ArtifactRefs.manifestMatches(store, ref)) {
                    throw invalidInput(in.getKey(), ref, "its manifest is missing or does not hash to " + ref.sha256());
                }
                store.fetch(ArtifactRefs.id(ref), target);
            } catch (ArtifactCorruptException | ArtifactNotFoundException e) {
                throw invalidInput(in.getKey(), ref, e.getMessage());
            }
            local.put(in.getKey(), target);
        }
        return local;
    }

    private static ApplicationFailure invalidInput(String key, ArtifactRef ref, String why) {
        return ApplicationFailure.newNonRetryableFailure(
                "input '" + key + "' (artifact " + ref.id() + ") is unusable: " + why, FailureTypes.INVALID_INPUT);
    }

    /** The resume point, downloaded into {@code out}; a snapshot that fails verification is skipped, not fatal. */
    private ResumePoint resume(Optional<StageProgress> previous, StageAttempt attempt, Path out) {
        Optional<ResumePoint> found = ResumePoint.find(previous, attempt, catalog);
        if (found.isEmpty()) {
            return null;
        }
        try {
            found.get().materialize(store, out);
            log.info("{} {} resumes from {} (step {})", attempt.request().runId(), attempt.stage(),
                    found.get().ref().id(), found.get().step());
            return found.get();
        } catch (StoreException e) {
            log.warn("cannot resume from {}, starting over: {}", found.get().ref().id(), e.getMessage());
            deleteTree(out.resolve(TrainingLoop.RESUME));
            deleteTree(out.resolve(TrainingLoop.CHECKPOINT));
            return null;
        }
    }

    /** A distillation student given as {@code builtin:…} or {@code s3://…}, fetched into {@code dir}. */
    private Path student(String runId, StageConfig config, String reference, Path dir) {
        ArtifactRef ref;
        try {
            ref = bases.resolve(runId, config.spec(), reference).orElseThrow(() -> new IllegalArgumentException(
                    "distill.student " + reference + " has not been built (no artifact "
                            + BaseResolver.builtinId(reference, config.spec()) + ")"));
        } catch (IllegalArgumentException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), FailureTypes.INVALID_CONFIG);
        }
        ArtifactId id = ArtifactRefs.id(ref);
        store.fetch(id, dir);
        return dir;
    }

    static void deleteTree(Path dir) {
        try {
            TrainingLoop.deleteTree(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
