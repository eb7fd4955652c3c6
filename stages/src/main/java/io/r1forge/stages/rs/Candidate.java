package io.r1forge.stages.rs;

/**
 * One sampled completion with its rewards, before filtering.
 *
 * @param promptId the problem id
 * @param sampleIndex index among the prompt's k samples (sampling order)
 * @param completion the completion text
 * @param reasoning the chain of thought extracted from it (empty if none)
 * @param accuracy accuracy reward (1 = verified)
 * @param format format reward
 * @param languageConsistency language-consistency reward, NaN when nothing to judge
 */
public record Candidate(
        String promptId,
        int sampleIndex,
        String completion,
        String reasoning,
        double accuracy,
        double format,
        double languageConsistency) {}
