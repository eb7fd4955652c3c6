package io.r1forge.stages.eval;

import io.r1forge.stages.generate.GenerationConfig;
import io.r1forge.stages.tasks.Problem;
import io.r1forge.stages.tasks.Templates;
import java.util.List;
import java.util.function.Function;

/**
 * How to evaluate.
 *
 * @param k samples per problem for pass@1 and cons@k (0 = greedy only)
 * @param temperature sampling temperature of the k samples (T=1: pass@1 must be sampled, DESIGN §3)
 * @param topP nucleus sampling of the k samples (1 = off)
 * @param maxNewTokens completion length limit
 * @param greedy whether to also decode one greedy completion per problem
 * @param batchSize sequences generated together
 * @param template problem → prompt text
 */
public record EvalSettings(
        int k, double temperature, double topP, int maxNewTokens, boolean greedy, int batchSize,
        Function<Problem, String> template) {

    public EvalSettings {
        if (k < 0 || (k == 0 && !greedy)) {
            throw new IllegalArgumentException("k must be >= 0, and > 0 unless greedy is on; was " + k);
        }
    }

    /** The R1-Zero template, T=1, top-p off. */
    public static EvalSettings r1Zero(int k, int maxNewTokens, int batchSize) {
        return new EvalSettings(k, 1.0, 1.0, maxNewTokens, true, batchSize, Templates::r1Zero);
    }

    /** Generation of the k samples; completions stop at the EOS token. */
    GenerationConfig sampling() {
        return new GenerationConfig(maxNewTokens, temperature, topP, 0, List.of());
    }

    GenerationConfig greedyConfig() {
        return GenerationConfig.greedy(maxNewTokens);
    }
}
