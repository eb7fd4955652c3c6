package io.r1forge.workflows;

import java.time.Duration;
import java.util.Objects;

/**
 * How one stage runs in a pipeline: whether, with which config, under which gate and which Temporal limits.
 *
 * @param stage            the stage
 * @param enabled          false: the stage is SKIPPED (refused at start if a later enabled stage needs it)
 * @param configJson       the stage's config section of the spec; opaque to the workflow, read by the activity
 * @param gate             minimum eval metrics to accept the stage's outputs; null = no gate
 * @param maxAttempts      automatic Temporal attempts before the run asks an operator (≥ 1)
 * @param startToClose     limit of one attempt (the whole stage, training and eval)
 * @param heartbeatTimeout a silent attempt is retried after this long; the activity resumes from its heartbeat
 */
public record StagePlan(
        StageName stage,
        boolean enabled,
        String configJson,
        Gate gate,
        int maxAttempts,
        Duration startToClose,
        Duration heartbeatTimeout) {
    public StagePlan {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(startToClose, "startToClose");
        Objects.requireNonNull(heartbeatTimeout, "heartbeatTimeout");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
        configJson = configJson == null ? "{}" : configJson;
    }

    /**
     * An enabled stage without gate, with defaults for the tiny world: 3 attempts (a lost worker and one more
     * surprise; a third failure is worth a human look), 1 h per attempt (tiny stages take minutes, so an hour
     * means stuck), 60 s heartbeat timeout (a step takes seconds; a dead worker is detected within a minute and
     * at most ~0.8 × 60 s of progress is redone, DESIGN §6). Real presets set their own limits in the spec.
     */
    public static StagePlan of(StageName stage, String configJson) {
        return new StagePlan(stage, true, configJson, null, 3, Duration.ofHours(1), Duration.ofSeconds(60));
    }

    public StagePlan withGate(Gate newGate) {
        return new StagePlan(stage, enabled, configJson, newGate, maxAttempts, startToClose, heartbeatTimeout);
    }

    public StagePlan withEnabled(boolean newEnabled) {
        return new StagePlan(stage, newEnabled, configJson, gate, maxAttempts, startToClose, heartbeatTimeout);
    }

    public StagePlan withMaxAttempts(int attempts) {
        return new StagePlan(stage, enabled, configJson, gate, attempts, startToClose, heartbeatTimeout);
    }

    public StagePlan withTimeouts(Duration newStartToClose, Duration newHeartbeatTimeout) {
        return new StagePlan(stage, enabled, configJson, gate, maxAttempts, newStartToClose, newHeartbeatTimeout);
    }
}
