package io.r1forge.stages.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import io.r1forge.stages.model.CausalLm;

/**
 * Per-token log-probabilities and entropies of given sequences under a model.
 *
 * <p>{@code logps[b,t] = log softmax(logits[b,t])[inputIds[b,t+1]]},
 * {@code entropy[b,t] = -Σ_v p log p} over the same distribution. Differentiable: inside a GradientCollector
 * the gradients reach the model's parameters; outside, nothing is recorded. Results live in the manager of
 * {@code batch.inputIds()}.
 */
public final class Scorer {
    private static final NDIndex ALL_BUT_LAST = new NDIndex(":, :-1");
    private static final NDIndex ALL_BUT_FIRST = new NDIndex(":, 1:");

    private Scorer() {}

    public static TokenScores score(CausalLm model, TokenBatch batch) {
        NDArray logits = model.forward(batch.inputIds(), batch.attentionMask(), null); // [B, T, V]
        NDArray logp = logits.get(ALL_BUT_LAST).logSoftmax(-1); // [B, T-1, V]
        NDArray targets = batch.inputIds().get(ALL_BUT_FIRST).expandDims(-1); // [B, T-1, 1] int64
        NDArray tokenLogp = logp.gather(targets, 2).squeeze(2); // [B, T-1]
        NDArray entropy = logp.exp().mul(logp).sum(new int[] {2}).neg(); // [B, T-1]
        NDArray mask = batch.completionMask().get(ALL_BUT_FIRST)
                .mul(batch.attentionMask().get(ALL_BUT_FIRST))
                .toType(DataType.FLOAT32, false); // [B, T-1]
        return new TokenScores(tokenLogp, entropy, mask);
    }
}
