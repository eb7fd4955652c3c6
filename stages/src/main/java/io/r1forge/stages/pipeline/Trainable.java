package io.r1forge.stages.pipeline;

import io.r1forge.stages.model.CausalLm;
import io.r1forge.stages.train.AdamW;
import io.r1forge.stages.train.TrainingState;
import java.util.Map;

/** A trainer the {@link TrainingLoop} can drive, checkpoint and resume (SFT, pre-training). */
public interface Trainable extends AutoCloseable {
    /** Optimizer steps taken. */
    long step();

    long totalSteps();

    /** One training step; returns its metrics by name (at least {@code loss}). */
    Map<String, Double> trainStep();

    CausalLm model();

    AdamW optimizer();

    /** The state that, with the weights, resumes exactly. */
    TrainingState state();

    /** Restores what {@link #state()} captured beyond the optimizer moments (which the loop loads). */
    void restore(TrainingState state);

    @Override
    void close();
}
