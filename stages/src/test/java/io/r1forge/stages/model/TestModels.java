package io.r1forge.stages.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.r1forge.stages.io.NdArrays;
import io.r1forge.stages.io.Safetensors;
import java.nio.file.Path;
import java.util.Map;

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

    /** Directory of a parity fixture written by src/test/python/make_parity_fixtures.py. */
    public static Path fixture(String name) {
        return Path.of("src/test/resources/parity", name);
    }

    /** A parity fixture's model, read with the IO package's safetensors reader. */
    public static CausalLm loadFixture(String name, NDManager m) {
        Path dir = fixture(name);
        ModelConfig config = ModelConfig.read(dir.resolve("config.json"));
        Map<String, NDArray> params = NdArrays.toNdMap(Safetensors.read(dir.resolve("model.safetensors")), m);
        return CausalLm.fromParameters(config, params, m);
    }
}
