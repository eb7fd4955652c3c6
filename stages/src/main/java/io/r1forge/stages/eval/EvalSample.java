package io.r1forge.stages.eval;

/**
 * One evaluated completion, a line of {@code samples.jsonl}.
 *
 * @param problemId the problem
 * @param greedy whether this is the greedy completion (else one of the k samples)
 * @param index sample index within the problem (0 for greedy)
 * @param completion the completion text
 * @param finishReason why generation stopped
 * @param score its scores
 */
public record EvalSample(
        String problemId, boolean greedy, int index, String completion, String finishReason, SampleScore score) {}
