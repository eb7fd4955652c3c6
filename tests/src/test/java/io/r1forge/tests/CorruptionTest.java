package io.r1forge.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.r1forge.activities.store.ArtifactId;
import io.r1forge.activities.store.VerifyReport;
import io.r1forge.tests.harness.Cli;
import io.r1forge.tests.harness.EmbeddedStack;
import io.r1forge.tests.harness.Pipelines;
import io.r1forge.tests.harness.Runs;
import io.r1forge.tests.harness.SharedStack;
import io.r1forge.tests.harness.ShortSpecs;
import io.r1forge.tests.harness.WorkerProcess;
import io.r1forge.workflows.ArtifactRef;
import io.r1forge.workflows.PipelineStatus;
import io.r1forge.workflows.RunState;
import io.r1forge.workflows.StageName;
import io.r1forge.workflows.StageState;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One flipped byte in a committed checkpoint, written behind the store's back on the S3 server's disk: the next
 * stage that reads it refuses it naming the artifact (the run waits for its operator, it does not train on damaged
 * weights), and {@code r1 verify} names the artifact and the file.
 *
 * <p>The run is paused while cold-start SFT runs (a pause takes effect between stages), so the damage lands after
 * cold start committed its checkpoint and before reasoning RL, its consumer, fetches it.
 */
@ExtendWith(SharedStack.class)
class CorruptionTest {
    private static final String DAMAGED_FILE = "model.safetensors";

    @Test
    void consumerRefusesACorruptCheckpointAndVerifyNamesIt(EmbeddedStack stack) throws Exception {
        WorkerProcess worker = WorkerProcess.start(stack, "corruption-worker");
        Supplier<String> logs = () -> worker.tail(60);
        String runId = Pipelines.runViaCli(stack, ShortSpecs.pipeline("corruption"));
        try {
            Runs.awaitStatus(stack, runId, Runs.STAGE_PATIENCE, "in cold-start SFT",
                    s -> s.current() == StageName.COLD_START_SFT, logs);
            Runs.stub(stack, runId).pause();
            PipelineStatus paused = Runs.awaitStatus(stack, runId, Runs.STAGE_PATIENCE, "paused after cold start",
                    s -> s.state() == RunState.PAUSED, logs);
            assertEquals(StageState.SUCCEEDED, paused.stages().get(StageName.COLD_START_SFT).state(), paused::toString);
            assertEquals(StageState.PENDING, paused.stages().get(StageName.REASONING_RL).state(),
                    "reasoning RL must not have started before the damage: " + paused);
            ArtifactRef checkpoint = paused.stages().get(StageName.COLD_START_SFT).outputs()
                    .get(StageName.OUT_CHECKPOINT);
            assertNotNull(checkpoint, paused::toString);

            flipOneByte(stack.objectFile("artifacts/" + checkpoint.id() + "/files/" + DAMAGED_FILE));
            Runs.stub(stack, runId).resume();

            // Stop waiting as soon as reasoning RL either refuses its input or (wrongly) trains past it.
            PipelineStatus refused = Runs.awaitStatus(stack, runId, Runs.STAGE_PATIENCE, "refusing the input",
                    s -> s.state() == RunState.NEEDS_ATTENTION
                            || s.stages().get(StageName.REASONING_RL).state() == StageState.SUCCEEDED, logs);
            assertEquals(RunState.NEEDS_ATTENTION, refused.state(), "the damaged checkpoint was used: " + refused);
            assertEquals(StageName.REASONING_RL, refused.current(), refused::toString);
            assertEquals(1, refused.stages().get(StageName.REASONING_RL).attempts(),
                    "a corrupt input is not retried automatically: " + refused);
            assertTrue(refused.attentionReason().contains(checkpoint.id()),
                    "the reason names the artifact: " + refused.attentionReason());

            VerifyReport report = stack.store().verify(ArtifactId.parse(checkpoint.id()));
            assertEquals(1, report.problems().size(), report.toString());
            assertEquals(DAMAGED_FILE, report.problems().get(0).path());
            assertEquals(VerifyReport.Status.MISMATCH, report.problems().get(0).status());

            Cli.Result verify = Cli.temporal(stack, "verify", runId);
            assertNotEquals(0, verify.exitCode(), verify.toString());
            assertTrue(verify.out().lines().anyMatch(l -> l.contains(checkpoint.id()) && l.contains(DAMAGED_FILE)
                    && l.contains("MISMATCH")), "verify names artifact and file: " + verify);
        } finally {
            Runs.terminateQuietly(stack, runId);
            worker.close();
        }
    }

    /** Inverts every bit of the byte in the middle of {@code file}, in place (size and timestamps aside). */
    private static void flipOneByte(Path file) throws Exception {
        assertTrue(Files.isRegularFile(file), "no object file " + file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long at = ch.size() / 2;
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, at);
            b.flip();
            byte flipped = (byte) ~b.get(0);
            ch.write(ByteBuffer.wrap(new byte[] {flipped}), at);
        }
    }
}
