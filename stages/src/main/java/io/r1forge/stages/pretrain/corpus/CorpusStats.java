package io.r1forge.stages.pretrain.corpus;

import java.util.List;

/**
 * Measured fractions of a corpus, comparable with {@link CorpusConfig}'s rates.
 *
 * @param documents number of documents
 * @param carryStepFraction carry steps / all steps
 * @param slowCarryRate slow carry steps / carry steps
 * @param carryErrorRate carry errors / fast carry steps
 * @param otherErrorRate other errors / non-carry steps
 * @param checkAfterCarryRate checks after fast carry steps / fast carry steps
 * @param checkAfterOtherRate checks after non-carry steps / non-carry steps
 * @param mixedLanguageFraction documents with mixed-language chains
 * @param brokenTagFraction documents with broken tags
 * @param selfCheckFraction documents with at least one self-check
 * @param slowDocumentFraction documents with at least one slow step
 * @param correctFraction documents whose answer is right (the base's ceiling if it imitates)
 * @param meanCompletionChars mean characters after the template
 * @param coldStartFraction documents in the cold-start layout
 */
public record CorpusStats(
        int documents,
        double carryStepFraction,
        double slowCarryRate,
        double carryErrorRate,
        double otherErrorRate,
        double checkAfterCarryRate,
        double checkAfterOtherRate,
        double mixedLanguageFraction,
        double brokenTagFraction,
        double selfCheckFraction,
        double slowDocumentFraction,
        double correctFraction,
        double meanCompletionChars,
        double coldStartFraction) {

    static CorpusStats of(List<CorpusDocument> docs) {
        long steps = 0, carry = 0, slow = 0, cErr = 0, oErr = 0, cChk = 0, oChk = 0, chars = 0;
        int mixed = 0, broken = 0, checked = 0, slowDocs = 0, correct = 0, cold = 0;
        for (CorpusDocument d : docs) {
            steps += d.steps();
            carry += d.carrySteps();
            slow += d.slowCarrySteps();
            cErr += d.carryErrors();
            oErr += d.otherErrors();
            cChk += d.checksAfterCarry();
            oChk += d.checksAfterOther();
            chars += d.completion().length();
            mixed += d.mixedLanguage() ? 1 : 0;
            broken += d.brokenTags() ? 1 : 0;
            checked += d.checksAfterCarry() + d.checksAfterOther() > 0 ? 1 : 0;
            slowDocs += d.slowCarrySteps() > 0 ? 1 : 0;
            correct += d.correct() ? 1 : 0;
            cold += d.coldStart() ? 1 : 0;
        }
        double n = docs.size();
        long fastCarry = carry - slow;
        long other = steps - carry;
        return new CorpusStats(docs.size(), ratio(carry, steps), ratio(slow, carry), ratio(cErr, fastCarry),
                ratio(oErr, other), ratio(cChk, fastCarry), ratio(oChk, other), mixed / n, broken / n,
                checked / n, slowDocs / n, correct / n, chars / n, cold / n);
    }

    private static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }
}
