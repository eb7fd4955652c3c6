package io.r1forge.tests.harness;

import io.r1forge.workflows.PipelineProgress;
import io.r1forge.workflows.PipelineResult;
import io.r1forge.workflows.PipelineStatus;
import io.r1forge.workflows.PipelineWorkflow;
import io.r1forge.workflows.RunState;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Watching a pipeline run from the test: status queries, live progress, waiting with a deadline. */
public final class Runs {
    private static final long POLL_MILLIS = 250;
    /**
     * Upper bounds, not expectations: on a quiet 2-core machine a shortened stage takes seconds and a run about a
     * minute, but a loaded machine (parallel builds) is many times slower, and a bound hit is a failure.
     */
    public static final Duration STAGE_PATIENCE = Duration.ofMinutes(10);
    public static final Duration RUN_PATIENCE = Duration.ofMinutes(20);

    private Runs() {}

    public static PipelineWorkflow stub(EmbeddedStack stack, String runId) {
        return stack.client().newWorkflowStub(PipelineWorkflow.class, runId);
    }

    /** The status query (answered by a worker); empty while no worker answers or the workflow is unknown. */
    public static Optional<PipelineStatus> status(EmbeddedStack stack, String runId) {
        try {
            return Optional.ofNullable(stub(stack, runId).status());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The running stage's heartbeat as the server holds it; empty between stages or while unreachable. */
    public static Optional<PipelineProgress.LiveStage> live(EmbeddedStack stack, String runId) {
        try {
            return PipelineProgress.live(stack.client(), runId);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Polls the status until {@code condition} holds; fails with the last status and {@code context} otherwise. */
    public static PipelineStatus awaitStatus(EmbeddedStack stack, String runId, Duration timeout, String what,
                                             Predicate<PipelineStatus> condition, Supplier<String> context) {
        long deadline = System.nanoTime() + timeout.toNanos();
        PipelineStatus last = null;
        while (System.nanoTime() < deadline) {
            Optional<PipelineStatus> s = status(stack, runId);
            if (s.isPresent()) {
                last = s.get();
                if (condition.test(last)) {
                    return last;
                }
            }
            sleep(POLL_MILLIS);
        }
        throw new AssertionError("run " + runId + ": not " + what + " within " + timeout + "; last status " + last
                + "\n" + context.get());
    }

    /** Polls until {@code condition} holds and returns its value. */
    public static <T> T await(Duration timeout, String what, Supplier<Optional<T>> condition,
                              Supplier<String> context) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> value = condition.get();
            if (value.isPresent()) {
                return value.get();
            }
            sleep(POLL_MILLIS);
        }
        throw new AssertionError("not " + what + " within " + timeout + "\n" + context.get());
    }

    /**
     * Waits for the run to end and returns its result; fails at once when it needs attention instead (a stage's
     * retries are spent or its input is refused), with the reason and {@code context} (e.g. the worker's log).
     */
    public static PipelineResult awaitEnd(EmbeddedStack stack, String runId, Duration timeout,
                                          Supplier<String> context) {
        PipelineStatus s = awaitStatus(stack, runId, timeout, "ended", st -> st.state().terminal()
                || st.state() == RunState.NEEDS_ATTENTION, context);
        if (s.state() == RunState.NEEDS_ATTENTION) {
            throw new AssertionError("run " + runId + " needs attention at " + s.current() + ": "
                    + s.attentionReason() + "\n" + context.get());
        }
        return result(stack, runId, Duration.ofSeconds(30), context);
    }

    /** Waits for the workflow's result (COMPLETED or ABORTED). */
    public static PipelineResult result(EmbeddedStack stack, String runId, Duration timeout,
                                        Supplier<String> context) {
        WorkflowStub untyped = stack.client().newUntypedWorkflowStub(runId);
        try {
            return untyped.getResult(timeout.toMillis(), TimeUnit.MILLISECONDS, PipelineResult.class);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("run " + runId + " did not end within " + timeout + "; status "
                    + status(stack, runId).orElse(null) + "\n" + context.get(), e);
        }
    }

    /** Terminates the run if it is still open, so a later test's worker does not inherit its work. */
    public static void terminateQuietly(EmbeddedStack stack, String runId) {
        try {
            stack.client().newUntypedWorkflowStub(runId).terminate("test cleanup");
        } catch (RuntimeException ignored) {
            // already closed or unknown (e.g. lost in a Temporal restart): nothing to clean up
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
