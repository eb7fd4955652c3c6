package io.r1forge.stages.spec;

/**
 * Held-out evaluation after each stage: pass@1 averaged over k samples, cons@k, format rate,
 * language consistency, length, self-check rate. DESIGN §3: sample at T = 1 (greedy pass@1 does not
 * show the RL gain) and use ≥ 500 problems where a gate depends on it (±3 points on 200 × 4).
 *
 * @param numProblems held-out problems (paper: the full benchmarks)
 * @param samplesPerProblem k (paper: 64 for pass@1 estimation)
 * @param temperature sampling temperature (paper 0.6)
 * @param topP nucleus (paper 0.95)
 * @param maxCompletionLength max new tokens (paper 32,768)
 * @param seed sampling seed
 */
public record EvalConfig(
        int numProblems, int samplesPerProblem, double temperature, double topP, int maxCompletionLength, long seed) {}
