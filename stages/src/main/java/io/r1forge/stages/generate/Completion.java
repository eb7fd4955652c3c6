package io.r1forge.stages.generate;

/**
 * One generated completion.
 *
 * @param promptIds the prompt token ids (unpadded)
 * @param completionIds the generated ids, without padding and without the EOS token
 * @param text the decoded completion
 * @param finishReason why generation stopped
 */
public record Completion(int[] promptIds, int[] completionIds, String text, FinishReason finishReason) {}
