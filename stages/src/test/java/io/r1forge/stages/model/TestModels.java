package io.r1forge.stages.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** Random models for tests. */
public final class TestModels {
    private TestModels() {}

    /**
     * A tiny-preset model whose weights are scaled up from the N(0, 0.02²) initialization, so next-token
     * distributions are peaked and greedy choices are far from ties.
     */
    public static CausalLm random(int vocabSize, long seed, float scale, NDManager parent) {
        CausalLm lm = CausalLm.initialize(ModelConfig.tiny(vocabSize), seed, parent);
        for (var e : lm.parameters().entrySet()) {
            if (!e.getKey().endsWith("norm.weight")) {
                NDArray p = e.getValue();
                p.muli(scale);
            }
        }
        return lm;
    }
}
