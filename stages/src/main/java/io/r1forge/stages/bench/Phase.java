package io.r1forge.stages.bench;

/** What a throughput figure measures. */
public enum Phase {
    /** Forward, backward and an AdamW step on a random token batch (next-token cross-entropy). */
    TRAIN,
    /** KV-cached sampling at temperature 1: prefill the prompts, then one token per step. */
    GENERATE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
