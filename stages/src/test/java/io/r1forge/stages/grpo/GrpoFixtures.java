package io.r1forge.stages.grpo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.r1forge.stages.model.CausalLm;
import io.r1forge.stages.model.ModelConfig;
import io.r1forge.stages.rewards.Reward;
import io.r1forge.stages.rewards.RewardInput;
import io.r1forge.stages.spec.GrpoConfig;
import io.r1forge.stages.spec.LossType;
import io.r1forge.stages.tasks.Language;
import io.r1forge.stages.tasks.Problem;
import io.r1forge.stages.tokenizer.HfTokenizer;
import io.r1forge.stages.tokenizer.TinyTokenizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A random tiny model on the ASCII-only tiny tokenizer, short prompts, and toy rewards. */
final class GrpoFixtures {
    private GrpoFixtures() {}

    static HfTokenizer tokenizer() {
        return TinyTokenizer.withChinese("").load();
    }

    static CausalLm tinyModel(HfTokenizer tok, long seed, NDManager manager) {
        return CausalLm.initialize(ModelConfig.tiny(tok.vocabSize()), seed, manager);
    }

    /** {@code n} problems with 3-character prompts; the template is the prompt itself (see {@link #options}). */
    static List<Problem> problems(int n) {
        List<Problem> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Problem("toy-" + i, "arithmetic", Language.EN, i + "+" + (i % 7), "0", Map.of()));
        }
        return out;
    }

    static GrpoTrainer.Options options(int microBatchSize) {
        return new GrpoTrainer.Options(microBatchSize, Problem::prompt);
    }

    /** A GRPO config for the toy runs: GRPO loss, ε 0.2, T = 1, AdamW without weight decay. */
    static GrpoConfig config(int prompts, int g, int maxLen, double beta, int iterations, double lr, long seed) {
        return new GrpoConfig(g, beta, 0.2, null, iterations, LossType.GRPO, true, 1.0, 1.0, maxLen, lr, 100,
                prompts, Map.of(), 0, 1.0, 0.0, 0, 0, seed);
    }

    /** The share of completion characters that are digits: learnable, and rarely constant within a group. */
    static Reward digitShare() {
        return new Reward() {
            @Override
            public String name() {
                return "digits";
            }

            @Override
            public String version() {
                return "digits-1";
            }

            @Override
            public double score(RewardInput in) {
                String c = in.completion();
                return c.isEmpty() ? 0 : c.chars().filter(Character::isDigit).count() / (double) c.length();
            }
        };
    }

    /** The same reward for every completion. */
    static Reward constant(double value) {
        return new Reward() {
            @Override
            public String name() {
                return "constant";
            }

            @Override
            public String version() {
                return "constant-1";
            }

            @Override
            public double score(RewardInput in) {
                return value;
            }
        };
    }

    /** Host copies of all parameters by name. */
    static Map<String, float[]> snapshot(CausalLm model) {
        Map<String, float[]> out = new LinkedHashMap<>();
        model.parameters().forEach((name, p) -> out.put(name, p.toFloatArray()));
        return out;
    }

    /** Largest absolute difference between two snapshots. */
    static double maxDiff(Map<String, float[]> a, Map<String, float[]> b) {
        double max = 0;
        for (Map.Entry<String, float[]> e : a.entrySet()) {
            float[] x = e.getValue();
            float[] y = b.get(e.getKey());
            for (int i = 0; i < x.length; i++) {
                max = Math.max(max, Math.abs(x[i] - y[i]));
            }
        }
        return max;
    }

    /** A model with the parameters of {@code source}, independent of it (what a checkpoint round trip gives). */
    static CausalLm copy(CausalLm source, NDManager manager) {
        try (NDManager staging = manager.newSubManager()) {
            Map<String, NDArray> params = new LinkedHashMap<>();
            source.parameters().forEach((n, p) -> params.put(n, staging.create(p.toFloatArray(), p.getShape())));
            return CausalLm.fromParameters(source.config(), params, manager);
        }
    }
}
