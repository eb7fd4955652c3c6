package io.r1forge.workflows.pipeline;

import io.r1forge.workflows.ArtifactRef;
import io.r1forge.workflows.StageActivities;
import io.r1forge.workflows.StageName;
import io.r1forge.workflows.StageProgress;
import io.r1forge.workflows.StageRequest;
import io.r1forge.workflows.StageResult;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A stage activity for workflow tests: records every call and follows a per-stage script (succeed, fail N times,
 * return given metrics, block until released). Outputs are fake refs named after (stage, run-wide attempt).
 */
final class FakeStageActivities implements StageActivities {
    /** One call as the activity saw it. */
    record Call(StageRequest request, int temporalAttempt) {}

    /** What a stage does on one Temporal attempt. */
    @FunctionalInterface
    interface Script {
        StageResult run(StageRequest request, ActivityExecutionContext ctx);
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    /** Opens when a blocked stage learns from a heartbeat that it was cancelled. */
    final CountDownLatch cancelled = new CountDownLatch(1);
    private final Map<StageName, Script> scripts = new ConcurrentHashMap<>();

    void script(StageName stage, Script script) {
        scripts.put(stage, script);
    }

    @Override
    public StageResult runStage(StageRequest request) {
        ActivityExecutionContext ctx = Activity.getExecutionContext();
        calls.add(new Call(request, ctx.getInfo().getAttempt()));
        Script script = scripts.getOrDefault(request.stage(), FakeStageActivities::succeed);
        return script.run(request, ctx);
    }

    List<StageName> stagesCalled() {
        List<StageName> out = new ArrayList<>();
        calls.forEach(c -> out.add(c.request().stage()));
        return out;
    }

    List<Call> callsOf(StageName stage) {
        return calls.stream().filter(c -> c.request().stage() == stage).toList();
    }

    static int runWideAttempt(StageRequest request, ActivityExecutionContext ctx) {
        return request.attempt() + ctx.getInfo().getAttempt() - 1;
    }

    static StageResult succeed(StageRequest request, ActivityExecutionContext ctx) {
        return withMetrics(Map.of("pass@1", 0.5)).run(request, ctx);
    }

    static Script withMetrics(Map<String, Double> metrics) {
        return (request, ctx) -> {
            int attempt = runWideAttempt(request, ctx);
            ctx.heartbeat(new StageProgress(10, 10, ref(request.stage(), attempt, "train-state"), metrics));
            return new StageResult(request.stage(), outputsOf(request.stage(), attempt), metrics, 10, 1.5, attempt);
        };
    }

    /** Fails with a retryable application failure on the first {@code n} run-wide attempts, then succeeds. */
    static Script failTimes(int n) {
        return (request, ctx) -> {
            if (runWideAttempt(request, ctx) <= n) {
                throw ApplicationFailure.newFailure("worker lost (injected)", "Transient");
            }
            return succeed(request, ctx);
        };
    }

    /** Heartbeats until {@code release} opens (or the activity is cancelled, which heartbeat throws). */
    Script blockUntil(CountDownLatch release) {
        return (request, ctx) -> {
            long step = 0;
            try {
                while (!release.await(20, TimeUnit.MILLISECONDS)) {
                    ctx.heartbeat(new StageProgress(++step, 1000, null, Map.of("loss", 1.0 / step)));
                }
            } catch (ActivityCompletionException e) {
                cancelled.countDown();
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ApplicationFailure.newFailure("interrupted", "Interrupted");
            }
            return succeed(request, ctx);
        };
    }

    static Map<String, ArtifactRef> outputsOf(StageName stage, int attempt) {
        Map<String, ArtifactRef> out = new LinkedHashMap<>();
        switch (stage) {
            case REJECTION_SAMPLING -> out.put(StageName.OUT_DATASET, ref(stage, attempt, StageName.OUT_DATASET));
            case R1_ZERO -> {
                out.put(StageName.OUT_CHECKPOINT, ref(stage, attempt, StageName.OUT_CHECKPOINT));
                out.put(StageName.OUT_SAMPLES, ref(stage, attempt, StageName.OUT_SAMPLES));
            }
            default -> out.put(StageName.OUT_CHECKPOINT, ref(stage, attempt, StageName.OUT_CHECKPOINT));
        }
        if (stage != StageName.REJECTION_SAMPLING) {
            out.put(StageName.OUT_EVAL, ref(stage, attempt, StageName.OUT_EVAL));
        }
        return out;
    }

    static ArtifactRef ref(StageName stage, int attempt, String output) {
        String id = "run/" + stage + "/a" + attempt + "/" + output;
        String kind = switch (output) {
            case StageName.OUT_DATASET, StageName.OUT_SAMPLES -> ArtifactRef.KIND_DATASET;
            case StageName.OUT_EVAL -> ArtifactRef.KIND_EVAL_REPORT;
            case "train-state" -> ArtifactRef.KIND_TRAIN_STATE;
            default -> ArtifactRef.KIND_CHECKPOINT;
        };
        return new ArtifactRef(id, kind, "s3://r1/" + id, "sha-" + id.hashCode());
    }
}
