package io.r1forge.workflows.pipeline;

import io.r1forge.workflows.ArtifactRef;
import io.r1forge.workflows.ControlActivities;
import io.r1forge.workflows.FailureTypes;
import io.r1forge.workflows.PipelineRequest;
import io.r1forge.workflows.PipelineResult;
import io.r1forge.workflows.PipelineStatus;
import io.r1forge.workflows.PipelineWorkflow;
import io.r1forge.workflows.RetryRequest;
import io.r1forge.workflows.RunState;
import io.r1forge.workflows.RunStateUpdate;
import io.r1forge.workflows.StageActivities;
import io.r1forge.workflows.StageName;
import io.r1forge.workflows.StagePlan;
import io.r1forge.workflows.StageRequest;
import io.r1forge.workflows.StageResult;
import io.r1forge.workflows.StageState;
import io.r1forge.workflows.WorkflowVersions;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;

/**
 * Walks the stage DAG in {@link StageName} order, one stage activity at a time, and waits for an operator when a
 * stage cannot go on by itself.
 *
 * <p><b>Evaluation is part of each stage's activity</b>, not a separate activity call: the checkpoint is already
 * loaded in the worker's memory at the end of training (a separate call would reload it from S3, ~6 GB for a
 * 1.5B model); the activity heartbeats the committed checkpoint before it evaluates, so a crash during eval
 * resumes at the eval, not the training; and the gate reads {@link StageResult#metrics()} of the same result, so
 * a stage is one row in the status with its eval metrics. An eval bug costs one attempt of the stage, which
 * resumes past training from its heartbeat.
 *
 * <p><b>Progress</b>: the workflow cannot see heartbeats, so {@link #status()} reports states, attempts, metrics
 * and outputs, plus the final progress of ended stages; the CLI and console add the running stage's live
 * {@code StageProgress} from DescribeWorkflowExecution's pending {@code RunStage} activity (at most one: it
 * belongs to {@code status().current()}). Polling heartbeats into workflow state would cost a history event per
 * poll for what the server already keeps.
 *
 * <p><b>Skip rules</b>: after a failed gate, skip accepts the stage's outputs as they are (state SKIPPED, outputs
 * kept, later stages read them). After a failure there are no outputs, so skip is refused while a later stage
 * that will run reads one of them ({@link StageGraph#skipRefusal}).
 */
public class PipelineWorkflowImpl implements PipelineWorkflow {
    private static final Logger log = Workflow.getLogger(PipelineWorkflowImpl.class);

    private final ControlActivities control =
            Workflow.newActivityStub(ControlActivities.class, StageOptions.forControl());
    private final RunLedger ledger = new RunLedger();
    private PipelineRequest request;
    private StageGraph graph;
    private Decision decision;
    private boolean gateFailed;
    private boolean paused;
    private String abortReason;
    private CancellationScope runningStage;

    private enum Outcome { DONE, ABORTED }

    private record Decision(boolean retry, Map<String, String> overrides) {}

    @Override
    public PipelineResult run(PipelineRequest req) {
        this.request = req;
        ledger.start(req.runId());
        record(null, null);
        try {
            prepare();
            for (StageName stage : StageName.values()) {
                if (graph.willRun(stage) && runStage(graph.plan(stage).orElseThrow()) == Outcome.ABORTED) {
                    return finish(RunState.ABORTED, abortReason);
                }
            }
            return finish(RunState.COMPLETED, null);
        } catch (CanceledFailure e) {
            Workflow.newDetachedCancellationScope(() -> finish(RunState.CANCELLED, e.getMessage())).run();
            throw e;
        }
    }

    /** Resolves the base, marks provided and disabled stages, and refuses a DAG that cannot run. */
    private void prepare() {
        req().preCommitted().forEach(ledger::provided);
        ArtifactRef base = req().base();
        if (base == null && !req().preCommitted().containsKey(StageName.PRETRAIN_BASE)) {
            base = control.resolveBase(req().runId(), req().specJson());
        }
        if (base != null) {
            ledger.provided(StageName.PRETRAIN_BASE, Map.of(StageName.OUT_CHECKPOINT, base));
        }
        graph = new StageGraph(req().stages(), ledger.outputs().keySet());
        for (StageName s : StageName.values()) {
            if (!graph.willProduce(s)) {
                ledger.disabled(s);
            }
        }
        List<String> problems = graph.unsatisfied();
        if (!problems.isEmpty()) {
            String reason = "pipeline cannot run: " + String.join("; ", problems);
            finish(RunState.FAILED, reason);
            throw ApplicationFailure.newNonRetryableFailure(reason, FailureTypes.INVALID_REQUEST);
        }
    }

    /** Runs one stage until it succeeds, is skipped or the run is aborted; asks the operator in between. */
    private Outcome runStage(StagePlan plan) {
        StageName stage = plan.stage();
        Map<String, String> overrides = new TreeMap<>();
        while (true) {
            if (awaitUnpaused() == Outcome.ABORTED) {
                return Outcome.ABORTED;
            }
            ledger.running(stage);
            record(stage, null);
            String problem = attempt(plan, overrides);
            if (problem == null) {
                ledger.ended(stage, StageState.SUCCEEDED);
                record(stage, null);
                return Outcome.DONE;
            }
            if (abortReason != null) {
                return Outcome.ABORTED;
            }
            ledger.needsAttention(stage, problem);
            record(stage, problem);
            Workflow.await(() -> decision != null || abortReason != null);
            if (abortReason != null) {
                return Outcome.ABORTED;
            }
            Decision d = decision;
            decision = null;
            if (!d.retry()) {
                ledger.ended(stage, StageState.SKIPPED);
                record(stage, null);
                return Outcome.DONE;
            }
            overrides.putAll(d.overrides());
        }
    }

    /** One activity call (with its automatic retries) and the gate; null = accepted, else the problem. */
    private String attempt(StagePlan plan, Map<String, String> overrides) {
        StageName stage = plan.stage();
        StageRequest stageRequest = new StageRequest(req().runId(), stage, ledger.attempts(stage) + 1,
                plan.configJson(), StageGraph.inputsOf(stage, ledger.outputs()), overrides);
        StageActivities activities = Workflow.newActivityStub(StageActivities.class, StageOptions.forStage(plan));
        StageResult[] result = new StageResult[1];
        runningStage = Workflow.newCancellationScope(() -> result[0] = activities.runStage(stageRequest));
        gateFailed = false;
        try {
            runningStage.run();
        } catch (ActivityFailure e) {
            if (CancellationScope.current().isCancelRequested()) {
                throw new CanceledFailure("run cancelled during " + stage);
            }
            ledger.failedAttempts(stage, failedAttempts(e, plan));
            return abortReason != null ? "aborted during " + stage : describe(stage, e);
        } finally {
            runningStage = null;
        }
        ledger.returned(stage, result[0]);
        List<String> violations = gateViolations(plan, result[0]);
        if (violations.isEmpty()) {
            return null;
        }
        gateFailed = true;
        return "gate failed for " + stage + ": " + String.join(", ", violations);
    }

    private List<String> gateViolations(StagePlan plan, StageResult result) {
        int version = Workflow.getVersion(
                WorkflowVersions.GATE_CHECK, Workflow.DEFAULT_VERSION, WorkflowVersions.GATE_CHECK_MAX);
        if (version == Workflow.DEFAULT_VERSION || plan.gate() == null) {
            return List.of();
        }
        return plan.gate().violations(result.metrics());
    }

    /**
     * Attempts spent by a failed call: all of them when Temporal gave up on the maximum; otherwise (not
     * retryable, cancelled) the workflow cannot see the attempt number and counts one, a lower bound.
     */
    private static int failedAttempts(ActivityFailure e, StagePlan plan) {
        return e.getRetryState() == RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED ? plan.maxAttempts() : 1;
    }

    private static String describe(StageName stage, ActivityFailure e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        String type = cause instanceof ApplicationFailure af ? af.getType() + ": " : "";
        String why = cause instanceof ApplicationFailure af ? af.getOriginalMessage() : cause.getMessage();
        return stage + " failed (" + e.getRetryState().name().replace("RETRY_STATE_", "").toLowerCase()
                + "): " + type + why;
    }

    /** Waits while paused (the pause takes effect here, between stages and attempts). */
    private Outcome awaitUnpaused() {
        if (paused && abortReason == null) {
            ledger.paused(true);
            record(ledger.current(), null);
            Workflow.await(() -> !paused || abortReason != null);
            ledger.paused(false);
        }
        return abortReason != null ? Outcome.ABORTED : Outcome.DONE;
    }

    private PipelineResult finish(RunState end, String reason) {
        ledger.finish(end, reason);
        record(null, reason);
        return new PipelineResult(req().runId(), end, ledger.stageStatuses(), finalModel(), reason);
    }

    /** The R1 model: the last checkpoint in DAG order before DISTILL (whose student is reported in stages). */
    private ArtifactRef finalModel() {
        ArtifactRef last = null;
        for (StageName s : StageName.values()) {
            ArtifactRef ref = ledger.outputs().getOrDefault(s, Map.of()).get(StageName.OUT_CHECKPOINT);
            if (s != StageName.DISTILL && ref != null) {
                last = ref;
            }
        }
        return last;
    }

    /**
     * Writes the run's state into the catalog. Best effort: the catalog is a view of the run for listings, the
     * workflow history is the record; a run must not stop training because S3 was down for ten minutes, and the
     * next write brings the catalog up to date.
     */
    private void record(StageName stage, String reason) {
        RunStateUpdate update = new RunStateUpdate(req().runId(), req().specSha256(), ledger.state(), stage,
                stage == null ? null : ledger.stageStatus(stage), reason);
        try {
            control.recordRunState(update);
        } catch (ActivityFailure e) {
            if (CancellationScope.current().isCancelRequested()) {
                throw new CanceledFailure("run cancelled while recording its state");
            }
            log.warn("run catalog not updated for {}: {}", req().runId(), e.getMessage());
        }
    }

    private PipelineRequest req() {
        return request;
    }

    @Override
    public void retry(RetryRequest retry) {
        StageName current = ledger.current();
        if (ledger.state() != RunState.NEEDS_ATTENTION) {
            ledger.refused("retry refused: no stage needs attention (run is " + ledger.state() + ")");
        } else if (retry.stage() != null && retry.stage() != current) {
            ledger.refused("retry refused: " + retry.stage() + " is not the stage that needs attention ("
                    + current + ")");
        } else {
            decision = new Decision(true, retry.overrides());
        }
    }

    @Override
    public void skip() {
        if (ledger.state() != RunState.NEEDS_ATTENTION) {
            ledger.refused("skip refused: no stage needs attention (run is " + ledger.state() + ")");
            return;
        }
        StageName current = ledger.current();
        Optional<String> refusal = gateFailed ? Optional.empty() : graph.skipRefusal(current);
        if (refusal.isPresent()) {
            ledger.refused("skip refused: " + refusal.get());
        } else {
            decision = new Decision(false, Map.of());
        }
    }

    @Override
    public void abort(String reason) {
        if (ledger.state().terminal() || abortReason != null) {
            return;
        }
        abortReason = reason == null || reason.isBlank() ? "aborted by operator" : reason;
        if (runningStage != null) {
            runningStage.cancel("abort: " + abortReason);
        }
    }

    @Override
    public void pause() {
        paused = true;
    }

    @Override
    public void resume() {
        paused = false;
    }

    @Override
    public PipelineStatus status() {
        return ledger.snapshot();
    }
}
