package io.r1forge.stages.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * Prompt + completion sequences, right padded to the longest.
 *
 * @param inputIds [B, T] int64
 * @param attentionMask [B, T] int64, 1 = token, 0 = padding
 * @param completionMask [B, T] int64, 1 on completion tokens
 */
public record TokenBatch(NDArray inputIds, NDArray attentionMask, NDArray completionMask) {

    /** Builds the batch in {@code manager}: row b is {@code prompts[b] ++ completions[b]}, then padId. */
    public static TokenBatch of(NDManager manager, List<int[]> prompts, List<int[]> completions, int padId) {
        if (prompts.size() != completions.size() || prompts.isEmpty()) {
            throw new IllegalArgumentException("need as many completions as prompts (and at least one), got "
                    + prompts.size() + " prompts and " + completions.size() + " completions");
        }
        int b = prompts.size();
        int t = 0;
        for (int i = 0; i < b; i++) {
            t = Math.max(t, prompts.get(i).length + completions.get(i).length);
        }
        t = Math.max(t, 2); // at least one predicted position
        long[] ids = new long[b * t];
        long[] attention = new long[b * t];
        long[] completion = new long[b * t];
        Arrays.fill(ids, padId);
        for (int i = 0; i < b; i++) {
            int at = i * t;
            for (int id : prompts.get(i)) {
                ids[at] = id;
                attention[at++] = 1;
            }
            for (int id : completions.get(i)) {
                ids[at] = id;
                attention[at] = 1;
                completion[at++] = 1;
            }
        }
        Shape shape = new Shape(b, t);
        return new TokenBatch(manager.create(ids, shape), manager.create(attention, shape),
                manager.create(completion, shape));
    }

    /** Batch size B. */
    public long batchSize() {
        return inputIds.getShape().get(0);
    }

    /** Sequence length T. */
    public long length() {
        return inputIds.getShape().get(1);
    }
}
