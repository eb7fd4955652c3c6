package io.r1forge.workflows;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one argument of {@link PipelineWorkflow#run}.
 *
 * @param runId           run id (also the workflow id by convention)
 * @param specJson        the whole validated pipeline spec; opaque to the workflow, recorded in the catalog
 * @param specSha256      hash of {@code specJson}, recorded in every manifest's lineage
 * @param stages          one plan per stage; a stage without a plan is disabled
 * @param base            the base checkpoint; null = resolve it ({@link ControlActivities#resolveBase}) and
 *                        pre-train ({@link StageName#PRETRAIN_BASE}) when none exists
 * @param resumeFromRunId the earlier, interrupted run whose committed outputs are reused; null for a fresh run
 * @param preCommitted    stage → its outputs (output key → ref) already committed by that earlier run: those
 *                        stages are not run again and their outputs feed the later stages
 */
public record PipelineRequest(
        String runId,
        String specJson,
        String specSha256,
        List<StagePlan> stages,
        ArtifactRef base,
        String resumeFromRunId,
        Map<StageName, Map<String, ArtifactRef>> preCommitted) {
    public PipelineRequest {
        Objects.requireNonNull(runId, "runId");
        stages = stages == null ? List.of() : List.copyOf(stages);
        preCommitted = preCommitted == null ? Map.of() : Map.copyOf(preCommitted);
    }
}
