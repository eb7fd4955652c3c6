package io.r1forge.stages.generate;

import io.r1forge.stages.model.CausalLm;
import io.r1forge.stages.tokenizer.TextTokenizer;
import java.util.List;

/** Batched, KV-cached, seeded sampling. */
public final class Generator {
    private final CausalLm model;
    private final TextTokenizer tokenizer;

    public Generator(CausalLm model, TextTokenizer tokenizer) {
        this.model = model;
        this.tokenizer = tokenizer;
    }

    public List<Completion> generate(List<int[]> prompts, GenerationConfig cfg, long seed) {
        throw new UnsupportedOperationException("not yet");
    }
}
