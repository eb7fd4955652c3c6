package io.r1forge.stages.pipeline;

import java.util.Map;

/** Receives progress of a training stage, step by step (metrics by name). May throw to stop the stage. */
@FunctionalInterface
public interface StepListener {
    void onStep(String stage, long step, long totalSteps, Map<String, Double> metrics);

    StepListener NONE = (stage, step, total, metrics) -> {};
}
