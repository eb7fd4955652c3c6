package io.r1forge.stages.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;

/** A decoder-only transformer (Llama / Qwen2 layout) with Hugging Face parameter names. */
public final class CausalLm implements AutoCloseable {
    private CausalLm() {}

    public static CausalLm initialize(ModelConfig config, long seed, NDManager parent) {
        throw new UnsupportedOperationException("not yet");
    }

    public static CausalLm fromParameters(
            ModelConfig config, Map<String, NDArray> hfNamedParams, NDManager parent) {
        throw new UnsupportedOperationException("not yet");
    }

    public ModelConfig config() {
        throw new UnsupportedOperationException("not yet");
    }

    public Map<String, NDArray> parameters() {
        throw new UnsupportedOperationException("not yet");
    }

    public long parameterCount() {
        throw new UnsupportedOperationException("not yet");
    }

    public NDArray forward(NDArray inputIds, NDArray attentionMask, KvCache cacheOrNull) {
        throw new UnsupportedOperationException("not yet");
    }

    public CausalLm copyFrozen(NDManager parent) {
        throw new UnsupportedOperationException("not yet");
    }

    public void setTrainable(boolean trainable) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void close() {}
}
