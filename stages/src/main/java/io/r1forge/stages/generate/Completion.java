package io.r1forge.stages.generate;

/**
 * One generated completion.
 *
 * @param promptIds the prompt token ids (unpadded)
 * @param completionIds the generated ids without padding; when {@code finishReason} is EOS the last id is the
 *     EOS token (kept, as TRL does, so training on the completion teaches the model to stop)
 * @param text the decoded completion, EOS excluded; with STOP_STRING it ends with (or just after) the stop string
 * @param finishReason why generation stopped
 */
public record Completion(int[] promptIds, int[] completionIds, String text, FinishReason finishReason) {}
