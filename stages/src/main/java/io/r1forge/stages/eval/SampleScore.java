package io.r1forge.stages.eval;

/**
 * The scores of one sampled completion of one problem.
 *
 * @param answer the extracted answer, normalised the way the accuracy reward compares answers; {@code null}
 *     when no answer could be extracted (such a sample never votes in cons@k)
 * @param accuracy 1 if the answer is verified correct, else 0 ({@code NaN} = could not score, counted as 0)
 * @param format 1 if the completion is well formatted for its template, else 0
 * @param languageConsistency share of target-language words in the chain of thought, {@code NaN} when the
 *     chain of thought has no words to judge
 * @param lengthTokens completion length in tokens
 * @param selfCheck whether the chain of thought contains a self-check ("wait, let me check")
 */
public record SampleScore(
        String answer,
        double accuracy,
        double format,
        double languageConsistency,
        int lengthTokens,
        boolean selfCheck) {

    /** Accuracy with "cannot score" counted as wrong. */
    public double correct() {
        return Double.isNaN(accuracy) ? 0.0 : accuracy;
    }
}
