package io.r1forge.activities.store;

/**
 * Who made an artifact.
 *
 * @param runId   pipeline run id (the run catalog's key)
 * @param stage   stage name, e.g. {@code r1-zero}, {@code cold-start-sft}
 * @param attempt Temporal activity attempt (1-based)
 * @param worker  worker identity, e.g. {@code 1234@gpu-node-3}
 */
public record Producer(String runId, String stage, int attempt, String worker) {}
