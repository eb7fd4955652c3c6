package io.r1forge.stages.generate;

import java.util.List;

/**
 * Sampling settings.
 *
 * @param maxNewTokens the most tokens generated per prompt
 * @param temperature logits are divided by it; 0 means greedy (argmax)
 * @param topP nucleus sampling: keep the smallest set of tokens whose probability sums to at least topP (1 = off)
 * @param topK keep the k most probable tokens (0 = off)
 * @param stopStrings a completion stops once its decoded text ends with one of these
 */
public record GenerationConfig(
        int maxNewTokens, double temperature, double topP, int topK, List<String> stopStrings) {
    public GenerationConfig {
        if (maxNewTokens < 0) {
            throw new IllegalArgumentException("maxNewTokens must be >= 0, was " + maxNewTokens);
        }
        if (temperature < 0) {
            throw new IllegalArgumentException("temperature must be >= 0, was " + temperature);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1], was " + topP);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("topK must be >= 0, was " + topK);
        }
        stopStrings = stopStrings == null ? List.of() : List.copyOf(stopStrings);
    }

    /** Greedy decoding without stop strings. */
    public static GenerationConfig greedy(int maxNewTokens) {
        return new GenerationConfig(maxNewTokens, 0.0, 1.0, 0, List.of());
    }

    /** Plain sampling at the given temperature, no top-k/top-p filtering. */
    public static GenerationConfig sampling(int maxNewTokens, double temperature) {
        return new GenerationConfig(maxNewTokens, temperature, 1.0, 0, List.of());
    }
}
