package io.r1forge.stages.generate;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.r1forge.stages.model.CausalLm;
import io.r1forge.stages.model.KvCache;
import io.r1forge.stages.tokenizer.TextTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Batched, KV-cached, seeded sampling.
 *
 * <p>Prompts of different lengths are left padded into one [B, Tp] batch with an attention mask (positions come
 * from the mask, so each row sees the same positions as alone). After the prompt pass, each step feeds the B
 * sampled tokens [B, 1] and extends the cache; finished rows keep feeding padding, whose outputs are ignored.
 * Tokens are drawn on the host from a {@code SplittableRandom(seed)}, so the same prompts, config and seed give
 * the same completions. Runs with autograd off (restored afterwards); each step's arrays live in a step manager.
 */
public final class Generator {
    private final CausalLm model;
    private final TextTokenizer tokenizer;

    public Generator(CausalLm model, TextTokenizer tokenizer) {
        this.model = model;
        this.tokenizer = tokenizer;
    }

    /** One completion per prompt, in order. Prompts must be non-empty. */
    public List<Completion> generate(List<int[]> prompts, GenerationConfig cfg, long seed) {
        List<RowState> rows = new ArrayList<>();
        for (int[] p : prompts) {
            if (p.length == 0) {
                throw new IllegalArgumentException("empty prompt at index " + rows.size());
            }
            rows.add(new RowState(p));
        }
        if (!rows.isEmpty() && cfg.maxNewTokens() > 0) {
            boolean grad = JniUtils.isGradMode();
            JniUtils.setGradMode(false); // sampling records no graph, on whichever thread runs it
            try {
                decode(prompts, rows, cfg, new SplittableRandom(seed));
            } finally {
                JniUtils.setGradMode(grad);
            }
        }
        List<Completion> out = new ArrayList<>(rows.size());
        for (RowState r : rows) {
            out.add(r.toCompletion(tokenizer));
        }
        return out;
    }

    private void decode(List<int[]> prompts, List<RowState> rows, GenerationConfig cfg, SplittableRandom rng) {
        int b = rows.size();
        int v = model.config().vocabSize();
        TokenSampler sampler = new TokenSampler(cfg);
        try (NDManager work = model.newWorkManager();
                KvCache cache = model.newCache(work)) {
            float[] logits = prefill(prompts, work, cache); // [B, V] row-major
            long[] next = new long[b];
            long[] ones = new long[b];
            Arrays.fill(ones, 1);
            for (int step = 0; ; step++) {
                boolean allDone = true;
                for (int i = 0; i < b; i++) {
                    RowState row = rows.get(i);
                    next[i] = tokenizer.padId();
                    if (!row.finished()) {
                        int token = sampler.sample(logits, i * v, v, rng);
                        row.append(token, tokenizer.eosId(), cfg.stopStrings(), cfg.maxNewTokens(), tokenizer);
                        next[i] = token;
                        allDone &= row.finished();
                    }
                }
                if (allDone || step + 1 >= cfg.maxNewTokens()) {
                    return;
                }
                try (NDManager s = work.newSubManager()) {
                    logits = model.lastLogits(s.create(next, new Shape(b, 1)), s.create(ones, new Shape(b, 1)), cache)
                            .toFloatArray();
                }
            }
        }
    }

    /** Runs the left-padded prompts [B, Tp] through the model; returns the last position's logits [B, V]. */
    private float[] prefill(List<int[]> prompts, NDManager work, KvCache cache) {
        int b = prompts.size();
        int width = prompts.stream().mapToInt(p -> p.length).max().orElseThrow();
        long[] ids = new long[b * width];
        long[] mask = new long[b * width];
        Arrays.fill(ids, tokenizer.padId());
        for (int i = 0; i < b; i++) {
            int[] p = prompts.get(i);
            int start = i * width + width - p.length;
            for (int j = 0; j < p.length; j++) {
                ids[start + j] = p[j];
                mask[start + j] = 1;
            }
        }
        try (NDManager s = work.newSubManager()) {
            Shape shape = new Shape(b, width);
            return model.lastLogits(s.create(ids, shape), s.create(mask, shape), cache).toFloatArray();
        }
    }
}
