package io.r1forge.activities.run;

import io.r1forge.activities.ArtifactRefs;
import io.r1forge.activities.StageConfig;
import io.r1forge.activities.store.ArtifactId;
import io.r1forge.activities.store.ArtifactStore;
import io.r1forge.activities.store.RunCatalog;
import io.r1forge.activities.store.RunRecord;
import io.r1forge.activities.store.RunState;
import io.r1forge.stages.spec.PipelineSpec;
import io.r1forge.stages.spec.SpecException;
import io.r1forge.workflows.ArtifactRef;
import io.r1forge.workflows.Gate;
import io.r1forge.workflows.PipelineRequest;
import io.r1forge.workflows.PipelineWorkflow;
import io.r1forge.workflows.StageName;
import io.r1forge.workflows.StagePlan;
import io.r1forge.workflows.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Starts pipeline runs: a validated spec becomes a {@link PipelineRequest} (one {@link StagePlan} per stage), a
 * catalog record and the spec in S3 ({@code runs/<run>/spec.json}), then a workflow with id = run id on
 * {@code r1-control}. Nothing is written before the spec is valid.
 */
public final class RunLauncher {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final WorkflowClient client;
    private final ArtifactStore store;
    private final RunCatalog catalog;
    private final Clock clock;

    public RunLauncher(WorkflowClient client, ArtifactStore store, Clock clock) {
        this.client = client;
        this.store = store;
        this.catalog = new RunCatalog(store.blobs());
        this.clock = clock;
    }

    /** {@code runs/<runId>/spec.json}: the effective spec of a run, read back by {@code r1 retry}. */
    public static String specKey(String runId) {
        return "runs/" + runId + "/spec.json";
    }

    /** {@code <name>-<yyyyMMdd-HHmmss>-<4 hex>}: readable, sortable by start time, unique without coordination. */
    public static String newRunId(String name, Instant now) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "-");
        return safe + "-" + STAMP.format(now) + "-" + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current()
                .nextInt(1 << 16));
    }

    /**
     * The workflow request of {@code spec}: every stage planned with its config, gates from {@code gates.<stage>.min};
     * pre-training only for a builtin base, distillation only with a {@code distill} section.
     *
     * @throws SpecException for a gate with {@code max} thresholds, which the workflow cannot check
     */
    public static PipelineRequest request(String runId, PipelineSpec spec, String resumeFromRunId,
            Map<StageName, Map<String, ArtifactRef>> preCommitted) {
        List<String> problems = new ArrayList<>();
        List<StagePlan> plans = new ArrayList<>();
        for (StageName stage : StageName.values()) {
            StagePlan plan = StagePlan.of(stage, StageConfig.toJson(stage, spec));
            var gate = spec.gates().get(StageConfig.section(stage));
            if (gate != null) {
                if (!gate.max().isEmpty()) {
                    problems.add("gates." + StageConfig.section(stage) + ".max: upper limits are not supported by"
                            + " the pipeline workflow (only min)");
                }
                plan = plan.withGate(new Gate(gate.min()));
            }
            plans.add(plan.withEnabled(enabled(stage, spec)));
        }
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        return new PipelineRequest(runId, spec.toJson(), spec.sha256(), plans, null, resumeFromRunId, preCommitted);
    }

    private static boolean enabled(StageName stage, PipelineSpec spec) {
        return switch (stage) {
            case PRETRAIN_BASE -> spec.baseModel().startsWith("builtin:");
            case DISTILL -> spec.distill() != null;
            default -> true;
        };
    }

    /** Records and starts a new run of {@code spec}; returns its catalog record. */
    public RunRecord start(PipelineSpec spec, String name) {
        String runName = name != null ? name : spec.name();
        String runId = newRunId(runName, clock.instant());
        PipelineRequest request = request(runId, spec, null, Map.of());
        return launch(request, runName, null);
    }

    /**
     * A new run replacing an interrupted one (its workflow was lost with the embedded server's memory): same spec
     * (plus overrides), the old run's committed stage outputs reused, the old run as parent.
     */
    public RunRecord restart(RunRecord interrupted, Map<String, String> overrides) {
        String specJson = store.blobs().getBytes(specKey(interrupted.runId()))
                .map(b -> new String(b, StandardCharsets.UTF_8))
                .orElseThrow(() -> new IllegalStateException("run " + interrupted.runId() + " has no stored spec ("
                        + specKey(interrupted.runId()) + "): it cannot be restarted"));
        PipelineSpec spec = PipelineSpec.parse(specJson);
        if (!overrides.isEmpty()) {
            spec = spec.withOverrides(overrides);
        }
        String runId = newRunId(interrupted.name() != null ? interrupted.name() : spec.name(), clock.instant());
        Map<StageName, Map<String, ArtifactRef>> committed = committedOutputs(interrupted);
        PipelineRequest request = request(runId, spec, interrupted.runId(), committed);
        return launch(request, interrupted.name(), interrupted.runId());
    }

    /** The old run's committed outputs from the catalog, as refs; outputs whose manifest is gone are dropped. */
    Map<StageName, Map<String, ArtifactRef>> committedOutputs(RunRecord run) {
        Map<StageName, Map<String, ArtifactRef>> out = new EnumMap<>(StageName.class);
        run.outputs().forEach((stage, outputs) -> {
            Map<String, ArtifactRef> refs = new LinkedHashMap<>();
            outputs.forEach((key, id) -> ArtifactRefs.find(store, ArtifactId.parse(id)).ifPresent(r -> refs.put(key, r)));
            if (refs.size() == outputs.size()) {
                out.put(StageName.valueOf(stage), refs);
            }
        });
        return out;
    }

    private RunRecord launch(PipelineRequest request, String name, String parentRunId) {
        Instant now = clock.instant();
        String runId = request.runId();
        store.blobs().putBytes(specKey(runId), request.specJson().getBytes(StandardCharsets.UTF_8));
        Map<String, Map<String, String>> outputs = new LinkedHashMap<>();
        request.preCommitted().forEach((s, m) -> outputs.put(s.name(), ids(m)));
        RunRecord record = new RunRecord(runId, name, request.specSha256(), runId, null, RunState.RUNNING, null, now,
                now, parentRunId, outputs);
        catalog.put(record);
        WorkflowOptions options = WorkflowOptions.newBuilder()
                .setWorkflowId(runId)
                .setTaskQueue(TaskQueues.CONTROL)
                // No execution or run timeout: a run waits for its operator as long as it takes.
                .build();
        PipelineWorkflow workflow = client.newWorkflowStub(PipelineWorkflow.class, options);
        try {
            WorkflowClient.start(workflow::run, request);
        } catch (RuntimeException e) {
            catalog.put(record.withState(RunState.FAILED, null, clock.instant()));
            throw e;
        }
        return catalog.get(runId).orElse(record);
    }

    private static Map<String, String> ids(Map<String, ArtifactRef> refs) {
        Map<String, String> out = new LinkedHashMap<>();
        refs.forEach((k, r) -> out.put(k, r.id()));
        return out;
    }

    /** The stored spec of a run, if any. */
    public Optional<String> storedSpec(String runId) {
        return store.blobs().getBytes(specKey(runId)).map(b -> new String(b, StandardCharsets.UTF_8));
    }
}
