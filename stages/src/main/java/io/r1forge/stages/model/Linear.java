package io.r1forge.stages.model;

import ai.djl.ndarray.NDArray;

/** {@code y = x Wᵀ + b} with W [out, in] as in PyTorch; one native op (torch.nn.functional.linear). */
final class Linear {
    private Linear() {}

    /** x [..., in] → [..., out], in the manager of x (never of the weight). */
    static NDArray apply(NDArray x, NDArray weight, NDArray biasOrNull) {
        return x.getNDArrayInternal().linear(x, weight, biasOrNull).singletonOrThrow();
    }
}
