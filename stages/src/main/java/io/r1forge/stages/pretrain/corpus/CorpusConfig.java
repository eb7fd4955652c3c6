package io.r1forge.stages.pretrain.corpus;

import io.r1forge.stages.spec.OptionalField;
import io.r1forge.stages.tasks.ArithmeticConfig;

/**
 * Knobs of the synthetic pre-training corpus of imperfect reasoning (DESIGN §3, the "better world":
 * errors concentrated on carry/borrow steps). All rates are probabilities in [0, 1].
 *
 * @param arithmetic problem shape (default: 2–4 one-digit operands, + and -)
 * @param chineseFraction share of problems (prompt and base CoT language) in Chinese
 * @param carryErrorRate a carry/borrow step (tens digit of the running total changes) forgets the
 *     carry, off by ±10: 0.5
 * @param otherErrorRate any other step is off by ±1 or ±2: 0.05
 * @param checkAfterCarryRate a correct self-check ("wait, let me check: 17 minus 9 is 8") follows
 *     a fast carry step: 0.2; the chain continues from the checked (correct) value
 * @param checkAfterOtherRate the same after any other step: 0.02
 * @param slowCarryRate a carry step is written in the slow, always-correct decomposed form ("17
 *     minus 9: 17 minus 7 is 10, 10 minus 2 is 8") instead of the fast one: 0.2. Longer reasoning
 *     that pays: what RL could learn to prefer (the open "aha" question of DESIGN §3)
 * @param mixedLanguageRate share of chains with some steps in the other language: 0.25
 * @param mixedStepRate in such a chain, probability that a step switches language: 0.5 (at least
 *     one step does)
 * @param brokenTagRate share of documents with broken or missing tags: 0.15
 * @param fullTemplateRate share of documents whose prompt is the whole R1-Zero template (Table 1); the
 *     others carry only its last line, {@code "User: {prompt}. Assistant:"}, which is exactly how the
 *     template ends. With a character vocabulary the template is ~430 tokens against a ~80-token
 *     completion, so templating every document spends ~85% of pre-training compute on a constant
 *     prefix (a real base never saw the R1 template at all). Default 0.1; absent in a spec = 1.0
 *     (every document templated), the behaviour before this knob existed
 * @param coldStartRate share of documents that are notes in the cold-start layout instead: the bare question,
 *     then {@code "|special_token| <chain> |special_token| <answer>"} (paper §2.3.1's output format), no
 *     template and no tags. A real base has every token of its vocabulary in its pre-training data; a base that
 *     never saw the separator starts cold-start SFT with the separator at log-prob −25 and 39 SFT steps lifted it
 *     only to −5 (first) and −19 (second), so every cold-start completion broke at the separator. Without the
 *     User/Assistant framing the notes do not teach the R1-Zero prompt to answer in this layout. Default 0.05;
 *     absent in a spec = 0
 */
public record CorpusConfig(
        ArithmeticConfig arithmetic,
        double chineseFraction,
        double carryErrorRate,
        double otherErrorRate,
        double checkAfterCarryRate,
        double checkAfterOtherRate,
        double slowCarryRate,
        double mixedLanguageRate,
        double mixedStepRate,
        double brokenTagRate,
        @OptionalField Double fullTemplateRate,
        @OptionalField Double coldStartRate) {

    /** The config without cold-start notes (as before that knob existed). */
    public CorpusConfig(ArithmeticConfig arithmetic, double chineseFraction, double carryErrorRate,
            double otherErrorRate, double checkAfterCarryRate, double checkAfterOtherRate, double slowCarryRate,
            double mixedLanguageRate, double mixedStepRate, double brokenTagRate, Double fullTemplateRate) {
        this(arithmetic, chineseFraction, carryErrorRate, otherErrorRate, checkAfterCarryRate, checkAfterOtherRate,
                slowCarryRate, mixedLanguageRate, mixedStepRate, brokenTagRate, fullTemplateRate, null);
    }

    /** The defaults listed on each component. */
    public static CorpusConfig defaults() {
        return new CorpusConfig(ArithmeticConfig.tiny(), 0.5, 0.5, 0.05, 0.2, 0.02, 0.2, 0.25, 0.5, 0.15, 0.1, 0.05);
    }

    /** {@code coldStartRate}, or 0 (no cold-start notes) when the spec leaves it out. */
    public double effectiveColdStartRate() {
        return coldStartRate != null ? coldStartRate : 0.0;
    }

    /** {@code fullTemplateRate}, or 1 (every document templated) when the spec leaves it out. */
    public double effectiveFullTemplateRate() {
        return fullTemplateRate != null ? fullTemplateRate : 1.0;
    }

    /** The names and values of the rates, for validation and reports. */
    public java.util.Map<String, Double> rates() {
        java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("chinese_fraction", chineseFraction);
        m.put("carry_error_rate", carryErrorRate);
        m.put("other_error_rate", otherErrorRate);
        m.put("check_after_carry_rate", checkAfterCarryRate);
        m.put("check_after_other_rate", checkAfterOtherRate);
        m.put("slow_carry_rate", slowCarryRate);
        m.put("mixed_language_rate", mixedLanguageRate);
        m.put("mixed_step_rate", mixedStepRate);
        m.put("broken_tag_rate", brokenTagRate);
        m.put("full_template_rate", effectiveFullTemplateRate());
        m.put("cold_start_rate", effectiveColdStartRate());
        return m;
    }
}
