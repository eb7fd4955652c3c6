package io.r1forge.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.r1forge.activities.store.MetricsWriter;
import io.r1forge.tests.harness.EmbeddedStack;
import io.r1forge.tests.harness.Pipelines;
import io.r1forge.tests.harness.Runs;
import io.r1forge.tests.harness.SharedStack;
import io.r1forge.tests.harness.ShortSpecs;
import io.r1forge.tests.harness.WorkerProcess;
import io.r1forge.workflows.PipelineProgress.LiveStage;
import io.r1forge.workflows.PipelineResult;
import io.r1forge.workflows.PipelineStatus;
import io.r1forge.workflows.RunState;
import io.r1forge.workflows.StageName;
import io.r1forge.workflows.StageProgress;
import io.r1forge.workflows.StageState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code kill -9} of the worker in the middle of R1-Zero: the stage's next attempt, on a new worker JVM, resumes
 * from the last checkpoint its predecessor committed and heartbeated (DESIGN §4), so at most one checkpoint
 * interval of steps is redone, and the run completes.
 */
@ExtendWith(SharedStack.class)
class WorkerKillTest {
    /** Heartbeat timeout of the run's stages: the server notices the dead worker this long after its last beat. */
    private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(5);
    private static final int EVERY = ShortSpecs.LONG_R1_ZERO_CHECKPOINT_EVERY;
    /** ~35 s of R1-Zero on an idle machine: with 12 steps the second attempt finished before it could be watched. */
    private static final int R1_ZERO_STEPS = 60;

    @Test
    void killedWorkerResumesFromTheLastCommittedCheckpoint(EmbeddedStack stack) throws Exception {
        WorkerProcess first = WorkerProcess.start(stack, "kill-worker-1");
        WorkerProcess[] second = new WorkerProcess[1];
        Supplier<String> logs = () -> "--- first worker\n" + first.tail(40)
                + (second[0] == null ? "" : "\n--- second worker\n" + second[0].tail(40));
        String runId = Pipelines.runWithHeartbeatTimeout(stack, ShortSpecs.withLongR1Zero("kill", R1_ZERO_STEPS), HEARTBEAT_TIMEOUT);
        try {
            // Wait for R1-Zero to heartbeat a committed checkpoint at step >= one interval.
            StageProgress beforeKill = Runs.await(Runs.RUN_PATIENCE, "R1-Zero heartbeating a checkpoint",
                    () -> r1ZeroProgress(stack, runId, 1).filter(p -> p.lastCommittedCheckpoint() != null
                            && p.step() >= EVERY), logs);
            first.kill();
            long killedAt = System.nanoTime();
            second[0] = WorkerProcess.start(stack, "kill-worker-2");
            long committedStep = stepOf(beforeKill.lastCommittedCheckpoint().id());
            // What the server holds from the dead attempt; the next attempt starts by re-sending exactly this.
            StageProgress lastOfFirst = Runs.live(stack, runId).map(LiveStage::progress).orElse(beforeKill);

            // The next attempt's first heartbeat of a new step (its step metrics differ from the inherited ones).
            StageProgress resumed = Runs.await(Runs.STAGE_PATIENCE, "R1-Zero progressing on the second worker",
                    () -> Runs.live(stack, runId).filter(l -> l.temporalAttempt() == 2).map(LiveStage::progress)
                            .filter(p -> !p.equals(lastOfFirst) && p.step() > committedStep), logs);
            double recoverySeconds = (System.nanoTime() - killedAt) / 1e9;

            PipelineStatus afterR1Zero = Runs.awaitStatus(stack, runId, Runs.STAGE_PATIENCE, "past R1-Zero",
                    st -> st.stages().get(StageName.R1_ZERO).state() == StageState.SUCCEEDED, logs);
            assertEquals(2, afterR1Zero.stages().get(StageName.R1_ZERO).attempts(), "R1-Zero ran twice (killed once)");

            long firstStepRedone = firstStepOfAttempt(stack, runId, 2, logs);
            long resumedFrom = firstStepRedone - 1;
            long lastCommitted = lastSnapshotStep(stack, runId, 1);
            long doneBeforeKill = Math.max(beforeKill.step(), lastStepOfAttempt(stack, runId, 1));
            System.out.printf("kill -9 mid-R1-Zero: killed at step >= %d (newest committed snapshot: step %d),"
                            + " attempt 2 resumed from step %d: %d steps redone (checkpoint every %d); recovery"
                            + " (kill -> first progress heartbeat of the new attempt) %.1f s with a %d s heartbeat"
                            + " timeout%n", doneBeforeKill, lastCommitted, resumedFrom, doneBeforeKill - resumedFrom,
                    EVERY, recoverySeconds, HEARTBEAT_TIMEOUT.toSeconds());
            assertTrue(lastCommitted >= committedStep, "the heartbeated checkpoint (step " + committedStep
                    + ") is committed");
            assertEquals(lastCommitted, resumedFrom, "attempt 2 resumes from the newest committed snapshot");
            // Snapshot s is committed while step s + 1 runs: the dead attempt had done at most EVERY more steps.
            assertTrue(doneBeforeKill - resumedFrom <= EVERY, (doneBeforeKill - resumedFrom)
                    + " steps redone, more than one checkpoint interval (" + EVERY + ")");
            assertFalse(resumed.lastCommittedCheckpoint() == null, "attempt 2 heartbeats a committed checkpoint");

            PipelineResult result = Runs.awaitEnd(stack, runId, Runs.RUN_PATIENCE, logs);
            assertEquals(RunState.COMPLETED, result.state(), result::toString);
        } finally {
            Runs.terminateQuietly(stack, runId);
            first.close();
            if (second[0] != null) {
                second[0].close();
            }
        }
    }

    /** R1-Zero's live progress, only while its Temporal attempt is {@code attempt}. */
    private static Optional<StageProgress> r1ZeroProgress(EmbeddedStack stack, String runId, int attempt) {
        boolean inR1Zero = Runs.status(stack, runId).map(s -> s.current() == StageName.R1_ZERO).orElse(false);
        if (!inR1Zero) {
            return Optional.empty();
        }
        return Runs.live(stack, runId).filter(l -> l.temporalAttempt() == attempt).map(LiveStage::progress);
    }

    /** {@code …/step-000006} → 6. */
    private static long stepOf(String artifactId) {
        String last = artifactId.substring(artifactId.lastIndexOf('/') + 1);
        assertTrue(last.startsWith("step-"), "not a step snapshot: " + artifactId);
        return Long.parseLong(last.substring("step-".length()));
    }

    /** The step of the newest resume snapshot R1-Zero's {@code attempt} committed ({@code train-state/…/step-N}). */
    private static long lastSnapshotStep(EmbeddedStack stack, String runId, int attempt) {
        return stack.store().list("train-state/" + runId + "/r1-zero/attempt-" + attempt + "/").stream()
                .mapToLong(id -> stepOf(id.value())).max()
                .orElseThrow(() -> new AssertionError("attempt " + attempt + " committed no snapshot"));
    }

    /** The first step R1-Zero's metrics stream records for {@code attempt}: where that attempt started. */
    private static long firstStepOfAttempt(EmbeddedStack stack, String runId, int attempt, Supplier<String> logs) {
        List<Long> steps = steps(stack, runId, attempt);
        assertFalse(steps.isEmpty(), () -> "no metrics rows for R1-Zero attempt " + attempt + "\n" + logs.get());
        return steps.stream().mapToLong(Long::longValue).min().orElseThrow();
    }

    /** The last step attempt {@code attempt} streamed (rows of the last seconds before a SIGKILL may be lost). */
    private static long lastStepOfAttempt(EmbeddedStack stack, String runId, int attempt) {
        return steps(stack, runId, attempt).stream().mapToLong(Long::longValue).max().orElse(0);
    }

    private static List<Long> steps(EmbeddedStack stack, String runId, int attempt) {
        List<Map<String, Object>> rows = MetricsWriter.readRows(stack.store().blobs(), runId, "r1-zero", attempt);
        return rows.stream().map(r -> ((Number) r.get("step")).longValue()).toList();
    }
}
