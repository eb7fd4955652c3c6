package io.r1forge.stages.tasks;

import java.util.List;

/** Names of the task families; {@link Problem#family()} holds one of them. */
public final class Families {
    /** Multi-step arithmetic, e.g. "What is 3 + 5 - 2?"; numeric answer. */
    public static final String ARITHMETIC = "arithmetic";
    /** Countdown (TinyZero): reach a target with given numbers; the answer is an expression. */
    public static final String COUNTDOWN = "countdown";
    /** Pick the largest or smallest of a few numbers; numeric answer. */
    public static final String COMPARE = "compare";
    /** Problems loaded from a GSM8K / MATH style JSONL file; numeric or literal answer. */
    public static final String DATASET = "dataset";

    /** The generated families, in the order {@link TaskMix} accepts them. */
    public static final List<String> GENERATED = List.of(ARITHMETIC, COUNTDOWN, COMPARE);

    private Families() {}
}
