package io.r1forge.workflows.pipeline;

import io.r1forge.workflows.FailureTypes;
import io.r1forge.workflows.StagePlan;
import io.r1forge.workflows.TaskQueues;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/** Activity options of the pipeline's activity stubs; every value says why it is what it is. */
public final class StageOptions {
    /** First retry of a stage 10 s after a failure: a crashed worker JVM restarts in 3–5 s (DESIGN §6). */
    static final Duration STAGE_INITIAL_INTERVAL = Duration.ofSeconds(10);
    /** Doubling backoff: a transient outage (S3, a node drain) gets more room with each failure. */
    static final double STAGE_BACKOFF = 2.0;
    /** At most 5 min between attempts: a GPU must not sit idle long after a transient outage has healed. */
    static final Duration STAGE_MAX_INTERVAL = Duration.ofMinutes(5);

    /** A catalog write is one small S3 PUT; 30 s means the store is unreachable, not slow. */
    static final Duration CONTROL_START_TO_CLOSE = Duration.ofSeconds(30);
    /** Control retries start fast (a blip) and stay within a minute of each other. */
    static final Duration CONTROL_INITIAL_INTERVAL = Duration.ofSeconds(1);
    static final Duration CONTROL_MAX_INTERVAL = Duration.ofMinutes(1);
    /** ~10 attempts ≈ 6 min: long enough for an S3 restart; catalog writes are then given up (best effort). */
    static final int CONTROL_MAX_ATTEMPTS = 10;

    private StageOptions() {}

    /**
     * Options of one stage activity call, from its plan. No schedule-to-start limit: waiting for a free GPU
     * worker is capacity, not failure. {@code WAIT_CANCELLATION_COMPLETED}: an aborted or cancelled run ends only
     * when the activity has stopped (it sees the cancellation at its next heartbeat, or is timed out by the
     * heartbeat timeout), so "cancelled" means the GPU is free and no upload is still running.
     */
    public static ActivityOptions forStage(StagePlan plan) {
        return ActivityOptions.newBuilder()
                .setTaskQueue(TaskQueues.GPU)
                .setStartToCloseTimeout(plan.startToClose())
                .setHeartbeatTimeout(plan.heartbeatTimeout())
                .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
                .setRetryOptions(RetryOptions.newBuilder()
                        .setMaximumAttempts(plan.maxAttempts())
                        .setInitialInterval(STAGE_INITIAL_INTERVAL)
                        .setBackoffCoefficient(STAGE_BACKOFF)
                        .setMaximumInterval(STAGE_MAX_INTERVAL)
                        // Retrying the same request cannot fix these: ask the operator at once.
                        .setDoNotRetry(FailureTypes.INVALID_CONFIG, FailureTypes.INVALID_INPUT)
                        .build())
                .build();
    }

    /** Options of the control activities (catalog writes, base resolution) on the control queue. */
    public static ActivityOptions forControl() {
        return ActivityOptions.newBuilder()
                .setTaskQueue(TaskQueues.CONTROL)
                .setStartToCloseTimeout(CONTROL_START_TO_CLOSE)
                .setRetryOptions(RetryOptions.newBuilder()
                        .setMaximumAttempts(CONTROL_MAX_ATTEMPTS)
                        .setInitialInterval(CONTROL_INITIAL_INTERVAL)
                        .setBackoffCoefficient(2.0)
                        .setMaximumInterval(CONTROL_MAX_INTERVAL)
                        .setDoNotRetry(FailureTypes.INVALID_CONFIG)
                        .build())
                .build();
    }
}
