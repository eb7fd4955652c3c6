package io.r1forge.stages.sft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Next-token negative log-likelihood restricted to a mask.
 *
 * <pre>
 *   loss = − Σ_{b,t} m[b,t+1] · log softmax(logits[b,t])[ids[b,t+1]]  /  Σ_{b,t} m[b,t+1]
 * </pre>
 *
 * with {@code m} the completion mask for SFT (prompt tokens and padding are not learnt: the model is taught to
 * answer, not to write questions) and the attention mask for pre-training. The mean is per token over the whole
 * batch (as TRL's SFT trainer), so long completions weigh more than short ones.
 */
public final class SftLoss {
    private SftLoss() {}

    /**
     * @param logits [B, T, V] fp32 model output
     * @param inputIds [B, T] int64
     * @param mask [B, T] (any numeric type) 1 on the tokens whose prediction is learnt
     * @return scalar loss (NaN if the mask is empty)
     */
    public static NDArray maskedNll(NDArray logits, NDArray inputIds, NDArray mask) {
        NDArray logp = logits.get(":, :-1, :").logSoftmax(2); // [B, T-1, V]
        NDArray targets = inputIds.get(":, 1:").toType(DataType.INT64, false).expandDims(2); // [B, T-1, 1]
        NDArray tokenLogp = logp.gather(targets, 2).squeeze(2); // [B, T-1]
        NDArray m = mask.get(":, 1:").toType(DataType.FLOAT32, false); // [B, T-1]
        return tokenLogp.mul(m).sum().neg().div(m.sum());
    }
}
