package io.r1forge.activities;

import io.r1forge.workflows.StageProgress;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The heartbeat of one stage attempt. The training loop heartbeats every step ({@link #beat}); phases without
 * steps (fetching inputs, evaluation, sampling, uploads) are covered by a background ticker that re-sends the
 * latest {@link StageProgress}, so a long evaluation is not mistaken for a dead worker.
 *
 * <p>Cancellation: Temporal reports it as an {@link ActivityCompletionException} thrown by {@code heartbeat}. When
 * the ticker sees it, it is kept and re-thrown on the activity thread at the next step or phase boundary
 * ({@link #checkCancelled}): the stage stops at a step boundary, never in the middle of an upload or a commit.
 * The SDK throttles heartbeats to ~0.8 × the heartbeat timeout and sends the latest details, so beating every
 * step costs nothing on the wire.
 */
final class StageHeartbeat implements AutoCloseable {
    /** Upper bound of the ticker's period; shorter when the heartbeat timeout is short. */
    static final Duration MAX_TICK = Duration.ofSeconds(5);

    private final ActivityExecutionContext ctx;
    private final AtomicReference<StageProgress> latest = new AtomicReference<>();
    private final AtomicReference<ActivityCompletionException> stopped = new AtomicReference<>();
    private final ScheduledExecutorService ticker;

    StageHeartbeat(ActivityExecutionContext ctx, StageProgress initial) {
        this.ctx = ctx;
        latest.set(initial);
        Duration timeout = ctx.getInfo().getHeartbeatTimeout();
        long tick = timeout == null || timeout.isZero() ? MAX_TICK.toMillis()
                : Math.max(200, Math.min(MAX_TICK.toMillis(), timeout.toMillis() / 3));
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stage-heartbeat");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::tick, 0, tick, TimeUnit.MILLISECONDS);
    }

    /** Records and sends progress; throws if the activity was cancelled (or timed out on the server). */
    void beat(StageProgress progress) {
        latest.set(progress);
        checkCancelled();
        ctx.heartbeat(progress);
    }

    StageProgress current() {
        return latest.get();
    }

    /** Re-throws a cancellation the ticker saw. */
    void checkCancelled() {
        ActivityCompletionException e = stopped.get();
        if (e != null) {
            throw e;
        }
    }

    private void tick() {
        if (stopped.get() != null) {
            return;
        }
        try {
            ctx.heartbeat(latest.get());
        } catch (ActivityCompletionException e) {
            stopped.compareAndSet(null, e);
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
