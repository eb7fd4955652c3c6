package io.r1forge.stages.generate;

import io.r1forge.stages.model.CausalLm;

/** Per-token log-probabilities and entropies of given sequences under a model. */
public final class Scorer {
    private Scorer() {}

    public static TokenScores score(CausalLm model, TokenBatch batch) {
        throw new UnsupportedOperationException("not yet");
    }
}
