package io.r1forge.stages.rs;

import io.r1forge.stages.tasks.ColdStartFormat;
import io.r1forge.stages.tasks.Templates;

/** How a completion writes its reasoning and answer. */
public enum OutputFormat {
    /** {@code <think> r </think> <answer> a </answer>} (R1-Zero). */
    THINK_ANSWER,
    /** {@code |special_token| r |special_token| a} (cold start and the stages after it). */
    COLD_START;

    /** A completion with the given reasoning (may be empty: no CoT) and answer. */
    public String write(String reasoning, String answer) {
        return this == COLD_START ? ColdStartFormat.format(reasoning, answer) : Templates.thinkAnswer(reasoning, answer);
    }
}
