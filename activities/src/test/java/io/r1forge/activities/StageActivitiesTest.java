package io.r1forge.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.r1forge.activities.run.RunLauncher;
import io.r1forge.activities.store.ArtifactId;
import io.r1forge.activities.store.Manifest;
import io.r1forge.activities.store.MetricsWriter;
import io.r1forge.activities.store.RunCatalog;
import io.r1forge.stages.spec.PipelineSpec;
import io.r1forge.workflows.ArtifactRef;
import io.r1forge.workflows.PipelineRequest;
import io.r1forge.workflows.PipelineResult;
import io.r1forge.workflows.PipelineStatus;
import io.r1forge.workflows.PipelineWorkflow;
import io.r1forge.workflows.RunState;
import io.r1forge.workflows.StageName;
import io.r1forge.workflows.StagePlan;
import io.r1forge.workflows.StageStatus;
import io.r1forge.workflows.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stage activity through a real worker on the embedded Temporal server and S3Proxy: an RS-SFT stage (SFT of a
 * fresh tiny base on a committed data set) commits its outputs with lineage; a crash after a committed snapshot
 * resumes there; a corrupt input stops the stage as INVALID_INPUT naming the artifact.
 */
class StageActivitiesTest {
    /** 16 examples, batch 2: 8 steps, a snapshot every 2. */
    static final Map<String, String> RS_SFT = Map.of("rs_sft.batch_size", "2", "rs_sft.checkpoint_every", "2");

    /** Only RS_SFT runs: the base is given, the data set pre-committed, every other stage disabled. */
    static PipelineRequest rsSftOnly(String runId, PipelineSpec spec, ArtifactRef base, ArtifactRef data,
            Duration heartbeat) {
        PipelineRequest all = RunLauncher.request(runId, spec, null, Map.of());
        List<StagePlan> plans = new ArrayList<>();
        for (StagePlan p : all.stages()) {
            plans.add(p.withEnabled(p.stage() == StageName.RS_SFT).withTimeouts(Duration.ofMinutes(5), heartbeat));
        }
        return new PipelineRequest(runId, all.specJson(), all.specSha256(), plans, base, null,
                Map.of(StageName.REJECTION_SAMPLING, Map.of(StageName.OUT_DATASET, data)));
    }

    static PipelineWorkflow start(EmbeddedStack stack, PipelineRequest request) {
        PipelineWorkflow wf = stack.client.newWorkflowStub(PipelineWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(request.runId()).setTaskQueue(TaskQueues.CONTROL).build());
        WorkflowClient.start(wf::run, request);
        return wf;
    }

    static PipelineResult result(EmbeddedStack stack, String runId) throws Exception {
        return WorkflowStub.fromTyped(stack.client.newWorkflowStub(PipelineWorkflow.class, runId))
                .getResult(4, TimeUnit.MINUTES, PipelineResult.class);
    }

    @Test
    void rsSftCommitsCheckpointAndEvalWithLineage(@TempDir Path tmp) throws Exception {
        try (EmbeddedStack stack = new EmbeddedStack(tmp).withWorkers(tmp.resolve("work"),
                ResumeCheckpointer.StepFault.NONE)) {
            ArtifactRef base = TestSpecs.commitFreshBase(stack.store, tmp.resolve("base"));
            ArtifactRef data = TestSpecs.commitSftData(stack.store, tmp.resolve("data"), 16);
            PipelineSpec spec = TestSpecs.shortenedTiny(RS_SFT);
            start(stack, rsSftOnly("lineage-run", spec, base, data, Duration.ofSeconds(30)));
            PipelineResult result = result(stack, "lineage-run");

            assertEquals(RunState.COMPLETED, result.state(), result.toString());
            StageStatus rsSft = result.stages().get(StageName.RS_SFT);
            ArtifactRef checkpoint = rsSft.outputs().get(StageName.OUT_CHECKPOINT);
            ArtifactRef eval = rsSft.outputs().get(StageName.OUT_EVAL);
            assertEquals("checkpoint/lineage-run/rs-sft/attempt-1/final", checkpoint.id());
            assertEquals("eval-report/lineage-run/rs-sft/attempt-1/eval", eval.id());
            assertTrue(rsSft.metrics().containsKey("pass@1"), rsSft.metrics().toString());

            Manifest m = stack.store.manifest(ArtifactId.parse(checkpoint.id()));
            assertEquals(List.of(ArtifactId.parse(base.id()), ArtifactId.parse(data.id())), m.parents(),
                    "RS-SFT starts from the base and trains on the rejection-sampled data");
            assertEquals("lineage-run", m.producer().runId());
            assertEquals("rs-sft", m.producer().stage());
            assertEquals(1, m.producer().attempt());
            assertEquals(WorkerIdentity.get(), m.producer().worker());
            assertEquals("rs_sft", m.config().get("stage").asText());
            assertEquals(2, m.config().get("rs_sft").get("batch_size").asInt(), "the effective stage config");
            assertTrue(m.configSha256().matches("[0-9a-f]{64}"), m.configSha256());
            assertEquals(105, m.seed());
            assertFalse(m.codeVersion().isBlank());
            assertTrue(m.rewardVersions().containsKey("accuracy"), m.rewardVersions().toString());
            assertTrue(m.files().stream().anyMatch(f -> f.path().equals("model.safetensors")));
            assertTrue(m.wallSeconds() > 0);

            Manifest evalManifest = stack.store.manifest(ArtifactId.parse(eval.id()));
            assertEquals(List.of(ArtifactId.parse(checkpoint.id())), evalManifest.parents());
            assertEquals(m.configSha256(), evalManifest.configSha256());
            assertEquals(rsSft.metrics().get("pass@1"), evalManifest.metricsSummary().get("pass@1"));
            assertTrue(stack.store.verify(ArtifactId.parse(checkpoint.id())).ok());

            List<Map<String, Object>> rows = MetricsWriter.readRows(stack.store.blobs(), "lineage-run", "rs-sft", 1);
            assertEquals(8, rows.size(), "one metrics row per step");
            assertEquals(8L, rsSft.progress().step());
            assertEquals(List.of("checkpoint", "eval"),
                    new RunCatalog(stack.store.blobs()).get("lineage-run").orElseThrow()
                            .outputs().get("RS_SFT").keySet().stream().sorted().toList());
        }
    }

    @Test
    void crashAfterCommittedSnapshotResumesFromItsStep(@TempDir Path tmp) throws Exception {
        AtomicBoolean crashed = new AtomicBoolean();
        ResumeCheckpointer.StepFault crashAtStep5 = (attempt, step) -> {
            if (attempt == 1 && step == 5 && crashed.compareAndSet(false, true)) {
                throw new IllegalStateException("simulated worker crash at step 5");
            }
        };
        try (EmbeddedStack stack = new EmbeddedStack(tmp).withWorkers(tmp.resolve("work"), crashAtStep5)) {
            ArtifactRef base = TestSpecs.commitFreshBase(stack.store, tmp.resolve("base"));
            ArtifactRef data = TestSpecs.commitSftData(stack.store, tmp.resolve("data"), 16);
            start(stack, rsSftOnly("resume-run", TestSpecs.shortenedTiny(RS_SFT), base, data, Duration.ofSeconds(2)));
            PipelineResult result = result(stack, "resume-run");

            assertTrue(crashed.get());
            assertEquals(RunState.COMPLETED, result.state(), result.toString());
            StageStatus rsSft = result.stages().get(StageName.RS_SFT);
            assertEquals(2, rsSft.attempts(), "one crash, one retry");
            List<Map<String, Object>> second = MetricsWriter.readRows(stack.store.blobs(), "resume-run", "rs-sft", 2);
            // The crash hits step 5's report before the step-4 snapshot (written after step 4's report) is
            // committed, so the last committed snapshot is step 2's.
            assertEquals(3L, ((Number) second.get(0).get("step")).longValue(),
                    "the retry continued after the step-2 snapshot instead of restarting at step 1");
            assertEquals(6, second.size(), "steps 3..8 only");
            ArtifactRef checkpoint = rsSft.outputs().get(StageName.OUT_CHECKPOINT);
            assertEquals("checkpoint/resume-run/rs-sft/attempt-2/final", checkpoint.id());
            assertTrue(stack.store.manifest(ArtifactId.parse(checkpoint.id())).parents()
                    .contains(ArtifactId.parse("train-state/resume-run/rs-sft/attempt-1/step-000002")),
                    "the resumed checkpoint names the snapshot it continued from");
        }
    }

    @Test
    void corruptInputStopsTheStageAsInvalidInputNamingTheArtifact(@TempDir Path tmp) throws Exception {
        try (EmbeddedStack stack = new EmbeddedStack(tmp).withWorkers(tmp.resolve("work"),
                ResumeCheckpointer.StepFault.NONE)) {
            ArtifactRef base = TestSpecs.commitFreshBase(stack.store, tmp.resolve("base"));
            ArtifactRef data = TestSpecs.commitSftData(stack.store, tmp.resolve("data"), 16);
            Path stored = stack.s3.dataDir().resolve(stack.s3Config.bucket())
                    .resolve("artifacts/" + data.id() + "/files/" + StageExecutor.DATA_FILE);
            Files.writeString(stored, "{\"tampered\": true}\n");
            PipelineWorkflow wf = start(stack, rsSftOnly("corrupt-run", TestSpecs.shortenedTiny(RS_SFT), base, data,
                    Duration.ofSeconds(30)));

            PipelineStatus status = awaitAttention(wf);
            assertTrue(status.attentionReason().contains("InvalidInput"), status.attentionReason());
            assertTrue(status.attentionReason().contains(data.id()), status.attentionReason());
            assertTrue(status.attentionReason().contains(StageExecutor.DATA_FILE), status.attentionReason());
            assertEquals(1, status.stages().get(StageName.RS_SFT).attempts(), "not retried automatically");
            wf.abort("test done");
        }
    }

    static PipelineStatus awaitAttention(PipelineWorkflow wf) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            PipelineStatus s = wf.status();
            if (s.state() == RunState.NEEDS_ATTENTION) {
                return s;
            }
            assertFalse(s.state().terminal(), s.toString());
            Thread.sleep(200);
        }
        throw new AssertionError("the run never asked for attention");
    }

    @Test
    void attemptNumbersArePartOfEveryId() {
        assertNotNull(StageAttempt.segment(StageName.COLD_START_SFT));
        assertEquals("cold-start-sft", StageAttempt.segment(StageName.COLD_START_SFT));
    }
}
