package io.r1forge.workflows;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The stage activity, run on {@link TaskQueues#GPU}. One method for all stages: every stage has the same
 * lifecycle (resume from heartbeat, train, commit checkpoints, heartbeat {@link StageProgress}, evaluate, commit
 * outputs), so one method keeps the retry, timeout and heartbeat handling in one place in the workflow and in the
 * implementation, which dispatches on {@link StageRequest#stage()}.
 */
@ActivityInterface
public interface StageActivities {
    /** Activity type name as it appears in histories and DescribeWorkflowExecution. */
    String RUN_STAGE = "RunStage";

    /**
     * Runs one stage to completion, evaluating its checkpoint at the end (the eval report is output
     * {@link StageName#OUT_EVAL}). Heartbeats {@link StageProgress}; resumes from the last heartbeat's checkpoint
     * on a retried attempt. Throws {@code ApplicationFailure} of type {@link FailureTypes#INVALID_CONFIG} (not
     * retried) for a config that cannot work.
     */
    @ActivityMethod(name = RUN_STAGE)
    StageResult runStage(StageRequest request);
}
