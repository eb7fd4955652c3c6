package io.r1forge.workflows;

import java.util.Map;

/**
 * The heartbeat details of a stage activity (DESIGN §4): the checkpoint is committed to S3 <em>before</em> the
 * heartbeat that names it, so a retried attempt resumes from {@code lastCommittedCheckpoint} at {@code step}.
 *
 * @param step                    steps done
 * @param totalSteps              steps planned (0 = unknown)
 * @param lastCommittedCheckpoint train-state artifact to resume from; null before the first commit
 * @param latestMetrics           latest training metrics (reward mean, KL, loss, ...)
 */
public record StageProgress(
        long step, long totalSteps, ArtifactRef lastCommittedCheckpoint, Map<String, Double> latestMetrics) {
    public StageProgress {
        latestMetrics = latestMetrics == null ? Map.of() : Map.copyOf(latestMetrics);
    }
}
