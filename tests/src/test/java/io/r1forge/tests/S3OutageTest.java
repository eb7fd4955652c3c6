package io.r1forge.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.r1forge.activities.ArtifactRefs;
import io.r1forge.tests.harness.EmbeddedStack;
import io.r1forge.tests.harness.Pipelines;
import io.r1forge.tests.harness.Runs;
import io.r1forge.tests.harness.SharedStack;
import io.r1forge.tests.harness.ShortSpecs;
import io.r1forge.tests.harness.WorkerProcess;
import io.r1forge.workflows.ArtifactRef;
import io.r1forge.workflows.PipelineProgress.LiveStage;
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
 * The S3 server goes away for 20 s in the middle of R1-Zero (while it commits checkpoints every few steps) and
 * comes back on the same port with the same data: S3 calls are retried, or the attempt is retried by Temporal and
 * resumes, and the run completes with every committed artifact intact.
 */
@ExtendWith(SharedStack.class)
class S3OutageTest {
    private static final Duration OUTAGE = Duration.ofSeconds(20);
    /** ~70 s of R1-Zero on an idle machine (12 steps took 8 s: the outage then began after the stage ended). */
    private static final int R1_ZERO_STEPS = 120;

    @Test
    void runSurvivesTwentySecondsWithoutS3(EmbeddedStack stack) throws Exception {
        WorkerProcess worker = WorkerProcess.start(stack, "s3-outage-worker");
        Supplier<String> logs = () -> worker.tail(60);
        String runId = Pipelines.runViaCli(stack, ShortSpecs.withLongR1Zero("s3-outage", R1_ZERO_STEPS));
        try {
            Runs.await(Runs.STAGE_PATIENCE, "R1-Zero training", () -> Runs.live(stack, runId)
                    .filter(l -> inR1Zero(stack, runId)).map(LiveStage::progress)
                    .filter(p -> p.step() >= 1), logs);
            long t0 = System.nanoTime();
            stack.stopS3();
            try {
                Thread.sleep(OUTAGE.toMillis());
            } finally {
                stack.startS3();
            }
            System.out.printf("S3 outage of %d s during R1-Zero of %s (stopped %.1f s)%n", OUTAGE.toSeconds(), runId,
                    (System.nanoTime() - t0) / 1e9);
            assertTrue(inR1Zero(stack, runId), "the outage must end while R1-Zero still runs: make the stage longer");

            PipelineStatus afterR1Zero = Runs.awaitStatus(stack, runId, Runs.STAGE_PATIENCE, "past R1-Zero",
                    st -> st.stages().get(StageName.R1_ZERO).state() == StageState.SUCCEEDED, logs);
            StageStatus r1Zero = afterR1Zero.stages().get(StageName.R1_ZERO);
            for (ArtifactRef ref : r1Zero.outputs().values()) {
                assertTrue(stack.store().verify(ArtifactRefs.id(ref)).ok(), ref.id() + " verifies after the outage");
            }
            PipelineResult result = Runs.awaitEnd(stack, runId, Runs.RUN_PATIENCE, logs);
            assertEquals(RunState.COMPLETED, result.state(), result::toString);
            System.out.printf("S3 outage run %s completed; R1-Zero took %d attempt(s)%n", runId, r1Zero.attempts());
        } finally {
            stack.startS3();
            Runs.terminateQuietly(stack, runId);
            worker.close();
        }
    }

    private static boolean inR1Zero(EmbeddedStack stack, String runId) {
        return Runs.status(stack, runId).map(s -> s.current() == StageName.R1_ZERO).orElse(false);
    }
}
