package io.r1forge.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.r1forge.activities.EmbeddedStack;
import io.r1forge.activities.ResumeCheckpointerAccess;
import io.r1forge.activities.TestSpecs;
import io.r1forge.activities.store.ArtifactId;
import io.r1forge.activities.store.RunCatalog;
import io.r1forge.activities.store.RunRecord;
import io.r1forge.cli.R1Command;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The orchestration verbs through picocli against the real embedded stack (Temporal test server + S3Proxy). */
class RunCommandsTest {
    record Result(int code, String out, String err) {}

    static Result r1(EmbeddedStack stack, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = R1Command.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--temporal", stack.temporal.target()));
        int code = cli.execute(all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void invalidSpecIsRejectedBeforeAnythingStarts(@TempDir Path tmp) throws Exception {
        try (EmbeddedStack stack = new EmbeddedStack(tmp)) {
            stack.exportS3Properties();
            Result r = r1(stack, "run", "--preset", "tiny", "--set", "r1_zero.num_generations=1");
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("r1_zero.num_generations"), r.err());
            assertTrue(new RunCatalog(stack.store.blobs()).list().isEmpty(), "no catalog entry");
            assertEquals(0, stack.stubs.blockingStub().listOpenWorkflowExecutions(
                    ListOpenWorkflowExecutionsRequest.newBuilder().setNamespace("default").build())
                    .getExecutionsCount(), "no workflow");
            assertEquals(1, r1(stack, "status", "no-such-run").code());
        }
    }

    @Test
    void runWaitThenRunsStatusLineageVerify(@TempDir Path tmp) throws Exception {
        try (EmbeddedStack stack = new EmbeddedStack(tmp).withWorkers(tmp.resolve("work"),
                ResumeCheckpointerAccess.none())) {
            stack.exportS3Properties();
            List<String> args = new ArrayList<>(List.of("run", "--preset", "smoke", "--name", "e2e", "--wait"));
            for (Map.Entry<String, String> o : TestSpecs.GATE_THAT_PASSES.entrySet()) {
                args.addAll(List.of("--set", o.getKey() + "=" + o.getValue()));
            }
            args.addAll(List.of("--set", "distill=null"));
            Result run = r1(stack, args.toArray(String[]::new));
            // Rejection sampling tops an empty kept set up with reference solutions, so even a 2-step base
            // completes the DAG: --wait exits 0 and every stage shows SUCCEEDED on the progress display.
            assertEquals(0, run.code(), run.err());
            String runId = run.out().strip();
            assertTrue(run.err().contains("FINAL_RL            SUCCEEDED"), run.err());

            RunRecord record = new RunCatalog(stack.store.blobs()).get(runId).orElseThrow();
            assertEquals(io.r1forge.activities.store.RunState.SUCCEEDED, record.state());
            Result runs = r1(stack, "runs");
            assertTrue(runs.out().contains(runId) && runs.out().contains("SUCCEEDED"), runs.out());
            Result status = r1(stack, "status", runId, "--json");
            assertEquals(0, status.code(), status.err());
            assertTrue(status.out().contains("\"COMPLETED\"") || status.out().contains("\"SUCCEEDED\""),
                    status.out());

            Result lineage = r1(stack, "lineage", runId, "--format", "json");
            assertEquals(0, lineage.code(), lineage.err());
            String coldStart = record.outputs().get("COLD_START_SFT").get("checkpoint");
            String samples = record.outputs().get("R1_ZERO").get("samples");
            String base = record.outputs().get("PRETRAIN_BASE").get("checkpoint");
            assertTrue(lineage.out().contains(coldStart) && lineage.out().contains(samples), lineage.out());
            assertTrue(lineage.out().contains(base) && base.startsWith("checkpoint/by-recipe/tiny-base/"), base);
            assertTrue(r1(stack, "lineage", runId, "--format", "dot").out().startsWith("digraph"));
            String rsData = samples;
            Result ok = r1(stack, "verify", runId);
            assertEquals(0, ok.code(), ok.out() + ok.err());
            Path stored = stack.s3.dataDir().resolve(stack.s3Config.bucket()).resolve("artifacts/" + rsData
                    + "/files/kept.jsonl");
            Files.createDirectories(stored.getParent());
            Files.writeString(stored, "tampered\n");
            Result bad = r1(stack, "verify", runId);
            assertEquals(1, bad.code(), bad.out());
            assertTrue(bad.out().contains(rsData + " file kept.jsonl"), bad.out());
            assertTrue(stack.store.exists(ArtifactId.parse(rsData)));

        }
    }
}
