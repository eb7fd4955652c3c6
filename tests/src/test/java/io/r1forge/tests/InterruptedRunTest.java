package io.r1forge.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.r1forge.activities.store.RunRecord;
import io.r1forge.tests.harness.Cli;
import io.r1forge.tests.harness.EmbeddedStack;
import io.r1forge.tests.harness.Pipelines;
import io.r1forge.tests.harness.Runs;
import io.r1forge.tests.harness.SharedStack;
import io.r1forge.tests.harness.ShortSpecs;
import io.r1forge.tests.harness.WorkerProcess;
import io.r1forge.workflows.ArtifactRef;
import io.r1forge.workflows.PipelineResult;
import io.r1forge.workflows.PipelineStatus;
import io.r1forge.workflows.RunState;
import io.r1forge.workflows.StageName;
import io.r1forge.workflows.StageState;
import io.r1forge.workflows.StageStatus;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The embedded Temporal server keeps history in memory: stopping it mid-run loses the workflow. The run catalog in
 * S3 still says RUNNING, so {@code r1 runs} reports the run INTERRUPTED, and {@code r1 retry} starts a new run,
 * linked to the old one, that reuses the stages the old run committed and completes.
 */
@ExtendWith(SharedStack.class)
class InterruptedRunTest {
    @Test
    void lostWorkflowIsReportedInterruptedAndRetryReusesCommittedStages(EmbeddedStack stack) throws Exception {
        WorkerProcess worker = WorkerProcess.start(stack, "interrupted-worker");
        Supplier<String> logs = () -> worker.tail(60);
        String oldRun = Pipelines.runViaCli(stack, ShortSpecs.pipeline("interrupted"));
        String newRun = null;
        try {
            PipelineStatus before = Runs.awaitStatus(stack, oldRun, Runs.STAGE_PATIENCE, "past R1-Zero",
                    s -> s.stages().get(StageName.R1_ZERO).state() == StageState.SUCCEEDED, logs);
            ArtifactRef oldR1Zero = before.stages().get(StageName.R1_ZERO).outputs().get(StageName.OUT_CHECKPOINT);
            Runs.await(Runs.STAGE_PATIENCE, "R1-Zero's outputs in the catalog", () -> stack.catalog().get(oldRun)
                    .filter(r -> r.outputs().containsKey(StageName.R1_ZERO.name())), logs);

            stack.restartTemporal();

            Cli.Result runs = Cli.temporal(stack, "runs");
            assertEquals(0, runs.exitCode(), runs.toString());
            assertTrue(runs.out().lines().anyMatch(l -> l.startsWith(oldRun + " ") && l.contains("INTERRUPTED")),
                    "r1 runs shows " + oldRun + " INTERRUPTED:\n" + runs);

            Cli.Result retry = Cli.temporal(stack, "retry", oldRun);
            assertEquals(0, retry.exitCode(), retry.toString());
            newRun = retry.out().lines().findFirst().orElseThrow().strip();
            assertNotEquals(oldRun, newRun);
            RunRecord record = stack.catalog().get(newRun).orElseThrow();
            assertEquals(oldRun, record.parentRunId(), "the new run links to the interrupted one");

            String run = newRun;
            PipelineStatus reused = Runs.awaitStatus(stack, run, Runs.STAGE_PATIENCE, "running after R1-Zero",
                    st -> st.current() != null && st.current().compareTo(StageName.R1_ZERO) > 0, logs);
            StageStatus r1Zero = reused.stages().get(StageName.R1_ZERO);
            assertEquals(StageState.SUCCEEDED, r1Zero.state(), r1Zero.toString());
            assertEquals(0, r1Zero.attempts(), "R1-Zero was committed by the old run and not run again");
            assertEquals(oldR1Zero.id(), r1Zero.outputs().get(StageName.OUT_CHECKPOINT).id());

            PipelineResult result = Runs.awaitEnd(stack, run, Runs.RUN_PATIENCE, logs);
            assertEquals(RunState.COMPLETED, result.state(), result::toString);
            assertTrue(result.stages().get(StageName.FINAL_RL).attempts() >= 1, "later stages ran in the new run");
        } finally {
            Runs.terminateQuietly(stack, oldRun);
            if (newRun != null) {
                Runs.terminateQuietly(stack, newRun);
            }
            worker.close();
        }
    }
}
