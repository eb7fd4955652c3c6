package io.r1forge.stages.eval;

import io.r1forge.stages.generate.Completion;
import io.r1forge.stages.generate.GenerationConfig;
import io.r1forge.stages.generate.Generator;
import io.r1forge.stages.model.CausalLm;
import io.r1forge.stages.tokenizer.TextTokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code n} completions for each of many prompts, generated in batches of at most {@code batchSize} sequences
 * (one prompt's samples stay adjacent). Batch {@code b} is sampled with seed {@code seed + b}, so the result is a
 * pure function of (model, prompts, n, config, batchSize, seed).
 */
public final class BatchSampler {
    private BatchSampler() {}

    /** @return one list of {@code n} completions per prompt, in prompt order */
    public static List<List<Completion>> sample(CausalLm model, TextTokenizer tokenizer, List<String> prompts, int n,
            GenerationConfig cfg, int batchSize, long seed) {
        List<int[]> ids = new ArrayList<>(prompts.size() * n);
        for (String prompt : prompts) {
            int[] encoded = tokenizer.encode(prompt);
            for (int i = 0; i < n; i++) {
                ids.add(encoded);
            }
        }
        Generator generator = new Generator(model, tokenizer);
        List<Completion> flat = new ArrayList<>(ids.size());
        int batch = Math.max(1, batchSize);
        for (int from = 0, b = 0; from < ids.size(); from += batch, b++) {
            flat.addAll(generator.generate(ids.subList(from, Math.min(ids.size(), from + batch)), cfg, seed + b));
        }
        List<List<Completion>> out = new ArrayList<>(prompts.size());
        for (int p = 0; p < prompts.size(); p++) {
            out.add(List.copyOf(flat.subList(p * n, (p + 1) * n)));
        }
        return out;
    }
}
