package io.r1forge.workflows;

/**
 * One input of a stage: the output {@code output} of the parent stage {@code from}, passed to the stage activity
 * under the key {@code name} of {@link StageRequest#inputs()}.
 *
 * @param name   key in the stage request's inputs, e.g. {@code "model"} or {@code "data"}
 * @param from   the parent stage that produces it
 * @param output key in the parent's {@link StageResult#outputs()}, e.g. {@code "checkpoint"}
 */
public record StageInput(String name, StageName from, String output) {}
