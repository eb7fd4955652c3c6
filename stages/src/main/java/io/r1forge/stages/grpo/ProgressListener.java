package io.r1forge.stages.grpo;

/** Receives a GRPO stage's progress after every step. May throw to stop the stage (its last snapshot stays). */
@FunctionalInterface
public interface ProgressListener {
    void onStep(long step, long maxSteps, StepMetrics metrics);

    ProgressListener NONE = (step, maxSteps, metrics) -> {};
}
