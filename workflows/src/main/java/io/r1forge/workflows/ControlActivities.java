package io.r1forge.workflows;

import io.temporal.activity.ActivityInterface;

/** Light activities on {@link TaskQueues#CONTROL}: they write the run catalog and look up artifacts. */
@ActivityInterface
public interface ControlActivities {
    /** Writes the run's state change into the run catalog in S3 (idempotent: last write wins per run). */
    void recordRunState(RunStateUpdate update);

    /**
     * Resolves the spec's base model reference ({@code builtin:tiny-base}, {@code s3://…}, a local HF directory)
     * to a committed checkpoint, importing it into the store if needed.
     *
     * @return the base checkpoint, or null when it does not exist yet and must be pre-trained
     */
    ArtifactRef resolveBase(String runId, String specJson);
}
