package io.r1forge.activities;

import io.r1forge.activities.run.RunStates;
import io.r1forge.activities.store.ArtifactStore;
import io.r1forge.activities.store.RunCatalog;
import io.r1forge.activities.store.RunRecord;
import io.r1forge.stages.pretrain.BaseModelCache;
import io.r1forge.stages.spec.PipelineSpec;
import io.r1forge.stages.spec.SpecException;
import io.r1forge.workflows.ArtifactRef;
import io.r1forge.workflows.ControlActivities;
import io.r1forge.workflows.FailureTypes;
import io.r1forge.workflows.RunStateUpdate;
import io.r1forge.workflows.StageState;
import io.r1forge.workflows.StageStatus;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Control activities on {@code r1-control}: the run catalog in S3 and base-model resolution. Light I/O only, no
 * DJL training, so any machine can run them beside the workflow.
 */
public final class ControlActivitiesImpl implements ControlActivities {
    private final ArtifactStore store;
    private final RunCatalog catalog;
    private final BaseResolver bases;
    private final Clock clock;

    /** @param localBases bases built by {@code r1 stage} on this machine, imported on first use; null = none */
    public ControlActivitiesImpl(ArtifactStore store, BaseModelCache localBases, Clock clock) {
        this.store = store;
        this.catalog = new RunCatalog(store.blobs());
        this.bases = new BaseResolver(store, localBases);
        this.clock = clock;
    }

    /**
     * Read-modify-write of {@code runs/<run>/run.json}: state, current stage, the Temporal run id (from the
     * activity's own info, so the launcher never races the workflow for it) and the outputs of a stage that
     * has them. A run started without {@code r1 run} (e.g. by the console) gets a record here.
     */
    @Override
    public void recordRunState(RunStateUpdate update) {
        Instant now = clock.instant();
        String temporalRunId = Activity.getExecutionContext().getInfo().getWorkflowRunId();
        RunRecord current = catalog.get(update.runId()).orElseGet(() -> new RunRecord(update.runId(), update.runId(),
                update.specSha256(), update.runId(), temporalRunId, RunStates.toCatalog(update.state()), null, now,
                now, null, Map.of()));
        RunRecord next = new RunRecord(current.runId(), current.name(), current.specSha256(), current.workflowId(),
                temporalRunId, RunStates.toCatalog(update.state()),
                update.stage() != null ? update.stage().name() : current.stage(), current.createdAt(), now,
                current.parentRunId(), current.outputs());
        StageStatus status = update.stageStatus();
        if (update.stage() != null && status != null && hasUsableOutputs(status)) {
            for (Map.Entry<String, ArtifactRef> out : status.outputs().entrySet()) {
                next = next.withOutput(update.stage().name(), out.getKey(), out.getValue().id(), now);
            }
        }
        catalog.put(next);
    }

    private static boolean hasUsableOutputs(StageStatus s) {
        return !s.outputs().isEmpty() && (s.state() == StageState.SUCCEEDED || s.state() == StageState.SKIPPED);
    }

    @Override
    public ArtifactRef resolveBase(String runId, String specJson) {
        PipelineSpec spec;
        try {
            spec = PipelineSpec.parse(specJson);
        } catch (SpecException e) {
            throw ApplicationFailure.newNonRetryableFailure("spec is invalid: " + e.getMessage(),
                    FailureTypes.INVALID_CONFIG);
        }
        try {
            return bases.resolve(runId, spec, spec.baseModel()).orElse(null);
        } catch (IllegalArgumentException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), FailureTypes.INVALID_CONFIG);
        }
    }
}
