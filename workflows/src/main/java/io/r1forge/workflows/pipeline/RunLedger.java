package io.r1forge.workflows.pipeline;

import io.r1forge.workflows.ArtifactRef;
import io.r1forge.workflows.PipelineStatus;
import io.r1forge.workflows.RunState;
import io.r1forge.workflows.StageName;
import io.r1forge.workflows.StageProgress;
import io.r1forge.workflows.StageResult;
import io.r1forge.workflows.StageState;
import io.r1forge.workflows.StageStatus;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The mutable state of one run inside the workflow: run state, current stage, and one row per stage. Only the
 * workflow thread and its signal handlers touch it (Temporal runs them one at a time); queries read snapshots.
 */
final class RunLedger {
    private final Map<StageName, Row> rows = new EnumMap<>(StageName.class);
    private String runId;
    private RunState state = RunState.RUNNING;
    private StageName current;
    private String attentionReason;

    RunLedger() {
        for (StageName s : StageName.values()) {
            rows.put(s, new Row());
        }
    }

    void start(String id) {
        this.runId = id;
    }

    RunState state() {
        return state;
    }

    StageName current() {
        return current;
    }

    int attempts(StageName stage) {
        return rows.get(stage).attempts;
    }

    /** Outputs of every stage that has some (succeeded, provided, or a waived gate), for input resolution. */
    Map<StageName, Map<String, ArtifactRef>> outputs() {
        Map<StageName, Map<String, ArtifactRef>> out = new EnumMap<>(StageName.class);
        rows.forEach((s, r) -> {
            if (!r.outputs.isEmpty() && (r.state == StageState.SUCCEEDED || r.state == StageState.SKIPPED)) {
                out.put(s, Map.copyOf(r.outputs));
            }
        });
        return out;
    }

    void provided(StageName stage, Map<String, ArtifactRef> outputs) {
        Row r = rows.get(stage);
        r.state = StageState.SUCCEEDED;
        r.outputs = new LinkedHashMap<>(outputs);
    }

    void disabled(StageName stage) {
        rows.get(stage).state = StageState.SKIPPED;
    }

    void running(StageName stage) {
        current = stage;
        state = RunState.RUNNING;
        attentionReason = null;
        rows.get(stage).state = StageState.RUNNING;
    }

    void paused(boolean isPaused) {
        state = isPaused ? RunState.PAUSED : RunState.RUNNING;
    }

    /** The stage returned: attempts, metrics, outputs and final progress, whatever the gate will say. */
    void returned(StageName stage, StageResult result) {
        Row r = rows.get(stage);
        r.attempts = result.attempt() > 0 ? result.attempt() : r.attempts + 1;
        r.metrics = new LinkedHashMap<>(result.metrics());
        r.outputs = new LinkedHashMap<>(result.outputs());
        r.progress = new StageProgress(result.steps(), result.steps(),
                result.outputs().get(StageName.OUT_CHECKPOINT), result.metrics());
    }

    void failedAttempts(StageName stage, int attempts) {
        Row r = rows.get(stage);
        r.attempts += attempts;
        r.outputs = new LinkedHashMap<>();
    }

    void ended(StageName stage, StageState stageState) {
        rows.get(stage).state = stageState;
    }

    void needsAttention(StageName stage, String reason) {
        current = stage;
        state = RunState.NEEDS_ATTENTION;
        attentionReason = reason;
        rows.get(stage).state = StageState.NEEDS_ATTENTION;
    }

    /** A refused signal: the reason is shown, prefixed to the reason the run needs attention (if any). */
    void refused(String refusal) {
        attentionReason = state == RunState.NEEDS_ATTENTION && attentionReason != null
                ? refusal + " | " + stripRefusals(attentionReason)
                : refusal;
    }

    void finish(RunState end, String reason) {
        if (current != null) {
            Row r = rows.get(current);
            if (r.state == StageState.RUNNING || r.state == StageState.NEEDS_ATTENTION) {
                r.state = StageState.FAILED;
            }
        }
        state = end;
        attentionReason = reason;
        current = null;
    }

    StageStatus stageStatus(StageName stage) {
        Row r = rows.get(stage);
        return new StageStatus(r.state, r.attempts, r.progress, r.metrics, r.outputs);
    }

    Map<StageName, StageStatus> stageStatuses() {
        Map<StageName, StageStatus> out = new LinkedHashMap<>();
        for (StageName s : StageName.values()) {
            out.put(s, stageStatus(s));
        }
        return out;
    }

    PipelineStatus snapshot() {
        return new PipelineStatus(runId, state, current, stageStatuses(), attentionReason);
    }

    private static String stripRefusals(String reason) {
        int bar = reason.lastIndexOf(" | ");
        return bar < 0 ? reason : reason.substring(bar + 3);
    }

    private static final class Row {
        StageState state = StageState.PENDING;
        int attempts;
        StageProgress progress;
        Map<String, Double> metrics = new LinkedHashMap<>();
        Map<String, ArtifactRef> outputs = new LinkedHashMap<>();
    }
}
