package io.r1forge.stages.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * Prompt + completion sequences, right padded.
 *
 * @param inputIds [B, T] int64
 * @param attentionMask [B, T] int64, 1 = token, 0 = padding
 * @param completionMask [B, T] int64, 1 on completion tokens
 */
public record TokenBatch(NDArray inputIds, NDArray attentionMask, NDArray completionMask) {
    public static TokenBatch of(
            NDManager manager, List<int[]> prompts, List<int[]> completions, int padId) {
        throw new UnsupportedOperationException("not yet");
    }
}
