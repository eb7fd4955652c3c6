package io.r1forge.stages.pretrain.corpus;

import io.r1forge.stages.tasks.Problem;

/**
 * One pre-training document and what was injected into it.
 *
 * @param text prompt (the R1-Zero template, or its last line) + completion + EOS marker: the training text
 * @param problem the problem the chain solves
 * @param completion the part after the template, e.g. {@code " <think> ... </think> <answer> 6 </answer>"}
 * @param answer the chain's final value (wrong if an error was not caught)
 * @param steps arithmetic steps (operands - 1)
 * @param carrySteps steps whose running total changes its tens digit
 * @param slowCarrySteps carry steps written in the slow decomposed (always correct) form
 * @param carryErrors fast carry steps that forgot the carry
 * @param otherErrors non-carry steps off by ±1 or ±2
 * @param checksAfterCarry self-checks following a fast carry step
 * @param checksAfterOther self-checks following a non-carry step
 * @param uncaughtErrors errors not corrected by a following check
 * @param mixedLanguage some steps are in the other language
 * @param brokenTags the tags were broken or dropped
 * @param fullTemplate the prompt is the whole R1-Zero template, not only its last line
 * @param coldStart a note in the cold-start layout (bare question, separator, chain, separator, answer)
 */
public record CorpusDocument(
        String text,
        Problem problem,
        String completion,
        long answer,
        int steps,
        int carrySteps,
        int slowCarrySteps,
        int carryErrors,
        int otherErrors,
        int checksAfterCarry,
        int checksAfterOther,
        int uncaughtErrors,
        boolean mixedLanguage,
        boolean brokenTags,
        boolean fullTemplate,
        boolean coldStart) {

    /** True if the chain's answer equals the problem's. */
    public boolean correct() {
        return Long.toString(answer).equals(problem.answer());
    }
}
