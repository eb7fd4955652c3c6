package io.r1forge.stages.generate;

/** Why a completion ended. */
public enum FinishReason {
    /** The model produced the end-of-sequence token (not included in the completion ids). */
    EOS,
    /** The decoded completion ended with one of the configured stop strings. */
    STOP_STRING,
    /** {@code maxNewTokens} tokens were generated. */
    LENGTH
}
