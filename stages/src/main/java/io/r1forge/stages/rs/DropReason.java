package io.r1forge.stages.rs;

/** Why rejection sampling dropped a sample (the paper's filters, §2.3.3, plus dedupe and the per-prompt cap). */
public enum DropReason {
    /** The answer is not verified correct (accuracy reward below 1). */
    NOT_VERIFIED,
    /** The completion does not follow the output format (format reward below 1). */
    BAD_FORMAT,
    /** The chain of thought mixes languages: language consistency below the threshold. */
    MIXED_LANGUAGE,
    /** A paragraph of the chain of thought is longer than the limit. */
    LONG_PARAGRAPH,
    /** The completion contains a code block (```). */
    CODE_BLOCK,
    /** The same normalised completion was already kept for this prompt. */
    DUPLICATE,
    /** The prompt already has its cap of kept samples. */
    OVER_CAP
}
