package io.r1forge.stages.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A decoder-only transformer in the Llama / Qwen2 layout, its parameters held under Hugging Face names.
 *
 * <p>{@code logits = lm_head(norm(layer_{N-1}(… layer_0(embed(ids)))))}, lm_head tied to embed_tokens when
 * {@code tie_word_embeddings}. fp32 throughout. Every op of {@link #forward} has an array derived from the input
 * ids as its receiver, so intermediates live in the ids' manager (a step manager in loops), never in the
 * parameters' manager. Parameters must be updated in place (the layers hold them).
 */
public final class CausalLm implements AutoCloseable {
    private static final float MASKED = -1e9f; // finite: a fully padded row gets a uniform softmax, not NaN

    private final ModelConfig config;
    private final NDManager manager;
    private final Map<String, NDArray> parameters;
    private final Rotary rotary;
    private final List<DecoderLayer> layers = new ArrayList<>();
    private final RmsNorm finalNorm;
    private final NDArray embed; // [V, D]
    private final NDArray lmHead; // [V, D], the embedding when tied

    private CausalLm(ModelConfig config, NDManager manager, Map<String, NDArray> params) {
        this.config = config;
        this.manager = manager;
        this.parameters = Collections.unmodifiableMap(params);
        NDArray eps = manager.create(new float[] {(float) config.rmsNormEps()}, new Shape(1));
        this.rotary = new Rotary(config, manager);
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            layers.add(buildLayer(i, eps));
        }
        this.finalNorm = new RmsNorm(params.get(ParameterLayout.FINAL_NORM), eps);
        this.embed = params.get(ParameterLayout.EMBED);
        this.lmHead = config.tieWordEmbeddings() ? embed : params.get(ParameterLayout.LM_HEAD);
    }

    private DecoderLayer buildLayer(int i, NDArray eps) {
        String p = ParameterLayout.layer(i);
        String a = p + "self_attn.";
        NDArray[] w = {
            parameters.get(a + "q_proj.weight"), parameters.get(a + "k_proj.weight"),
            parameters.get(a + "v_proj.weight"), parameters.get(a + "o_proj.weight")
        };
        NDArray[] bias = { // absent names give null: no bias
            parameters.get(a + "q_proj.bias"), parameters.get(a + "k_proj.bias"), parameters.get(a + "v_proj.bias")
        };
        return new DecoderLayer(
                new RmsNorm(parameters.get(p + "input_layernorm.weight"), eps),
                new Attention(config, i, w, bias, rotary),
                new RmsNorm(parameters.get(p + "post_attention_layernorm.weight"), eps),
                new Mlp(parameters.get(p + "mlp.gate_proj.weight"), parameters.get(p + "mlp.up_proj.weight"),
                        parameters.get(p + "mlp.down_proj.weight")));
    }

    /**
     * A freshly initialized model: linear weights and embeddings ~ N(0, 0.02²), biases 0, norm weights 1 (as in
     * transformers), drawn from {@code java.util.Random(seed)} in parameter order, so the same seed gives the
     * same weights on any machine.
     */
    public static CausalLm initialize(ModelConfig config, long seed, NDManager parent) {
        NDManager m = parent.newSubManager();
        java.util.Random rng = new java.util.Random(seed);
        Map<String, NDArray> params = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> e : ParameterLayout.shapes(config).entrySet()) {
            String name = e.getKey();
            Shape shape = e.getValue();
            float[] data = new float[Math.toIntExact(shape.size())];
            if (name.endsWith("norm.weight")) {
                java.util.Arrays.fill(data, 1f);
            } else if (!name.endsWith(".bias")) {
                for (int i = 0; i < data.length; i++) {
                    data[i] = (float) (0.02 * rng.nextGaussian());
                }
            }
            NDArray a = m.create(data, shape);
            a.setName(name);
            params.put(name, a);
        }
        return new CausalLm(config, m, params);
    }

    /**
     * A model over given Hugging Face named tensors, which it takes over (attaches to its own manager). Names and
     * shapes are checked against the config; fp16/fp64 tensors are converted to fp32, bf16 is refused (it aborts
     * DJL on CPU: upcast when reading the file).
     *
     * @throws ModelConfigException naming the missing, unexpected or misshapen tensor
     */
    public static CausalLm fromParameters(ModelConfig config, Map<String, NDArray> hfNamedParams, NDManager parent) {
        Map<String, Shape> expected = ParameterLayout.shapes(config);
        for (String name : hfNamedParams.keySet()) {
            if (!expected.containsKey(name) && !ParameterLayout.ignorable(config, name)) {
                throw new ModelConfigException("unexpected tensor '" + name + "' for " + config.architecture()
                        + " (attention_bias=" + config.attentionBias() + ", tie_word_embeddings="
                        + config.tieWordEmbeddings() + ")");
            }
        }
        NDManager m = parent.newSubManager();
        Map<String, NDArray> params = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Shape> e : expected.entrySet()) {
                params.put(e.getKey(), adopt(e.getKey(), e.getValue(), hfNamedParams.get(e.getKey()), m));
            }
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
        return new CausalLm(config, m, params);
    }

    private static NDArray adopt(String name, Shape shape, NDArray a, NDManager m) {
        if (a == null) {
            throw new ModelConfigException("missing tensor '" + name + "' (expected shape " + shape + ")");
        }
        if (!a.getShape().equals(shape)) {
            throw new ModelConfigException("tensor '" + name + "' has shape " + a.getShape() + ", expected " + shape);
        }
        if (a.getDataType() == DataType.BFLOAT16) {
            throw new ModelConfigException("tensor '" + name + "' is bfloat16: upcast to float32 when reading");
        }
        NDArray f = a.getDataType() == DataType.FLOAT32 ? a : a.toType(DataType.FLOAT32, false);
        f.attach(m);
        f.setName(name);
        return f;
    }

    public ModelConfig config() {
        return config;
    }

    /** Parameters in checkpoint order under Hugging Face names (read-only map; update arrays in place). */
    public Map<String, NDArray> parameters() {
        return parameters;
    }

    public long parameterCount() {
        return parameters.values().stream().mapToLong(NDArray::size).sum();
    }

    /**
     * Next-token logits at every position.
     *
     * @param inputIds [B, T] int64 (int32 accepted)
     * @param attentionMask [B, T], 1 = token, 0 = padding; null = all tokens. Position ids are
     *     {@code cumsum(mask) - 1} (continuing from the cache), so left- and right-padded rows both work.
     * @param cacheOrNull keys/values of earlier tokens, extended with these T tokens
     * @return [B, T, V] fp32, in the manager of {@code inputIds}
     */
    public NDArray forward(NDArray inputIds, NDArray attentionMask, KvCache cacheOrNull) {
        return Linear.apply(hidden(inputIds, attentionMask, cacheOrNull), lmHead, null);
    }

    /**
     * Like {@link #forward} but only the last position's logits, [B, V], skipping the head on the other
     * positions; for left-padded or unpadded batches (a right-padded row's last position is padding).
     */
    public NDArray lastLogits(NDArray inputIds, NDArray attentionMask, KvCache cacheOrNull) {
        NDArray h = hidden(inputIds, attentionMask, cacheOrNull).get(new NDIndex(":, -1, :")); // [B, D]
        return Linear.apply(h, lmHead, null);
    }

    /** Final-normed hidden states [B, T, D]. */
    private NDArray hidden(NDArray inputIds, NDArray attentionMask, KvCache cache) {
        NDArray ids = inputIds.getDataType() == DataType.INT64 ? inputIds : inputIds.toType(DataType.INT64, false);
        AttentionContext ctx = context(ids, attentionMask, cache);
        NDArray x = ids.getNDArrayInternal().embedding(ids, embed, SparseFormat.DENSE).singletonOrThrow();
        for (DecoderLayer layer : layers) {
            x = layer.forward(x, ctx); // [B, T, D]
        }
        return finalNorm.forward(x);
    }

    private AttentionContext context(NDArray ids, NDArray attentionMask, KvCache cache) {
        long b = ids.getShape().get(0);
        long t = ids.getShape().get(1);
        NDArray mask = attentionMask == null
                ? ids.onesLike().toType(DataType.FLOAT32, false)
                : attentionMask.toType(DataType.FLOAT32, true); // copy: never a view of the caller's array
        NDArray seen = cache == null ? null : cache.seenTokens(); // [B, 1] or null
        NDArray[] cs = ropeTables(mask, seen); // cosQ, sinQ, cosK, sinK
        NDArray cosQ = cs[0];
        NDArray sinQ = cs[1];
        NDArray cosK = cs[2];
        NDArray sinK = cs[3];
        NDArray keyBias = mask.sub(1).mul(-MASKED).reshape(b, 1, 1, t); // [B, 1, 1, T]
        long past = 0;
        if (cache != null) {
            past = cache.length();
            NDArray total = mask.sum(new int[] {1}, true); // [B, 1]
            keyBias = cache.appendKeyBias(keyBias, seen == null ? total : total.add(seen)); // [B, 1, 1, S]
        }
        if (t == 1) {
            // one new token sees every cached key: no causal part, and [B, 1, 1, S] broadcasts over nRep rows
            return new AttentionContext(cosQ, sinQ, cosK, sinK, keyBias, cache);
        }
        NDArray bias = causalBias(ids.getManager(), t, past).add(keyBias); // [B, 1, T, S]
        int nRep = config.numAttentionHeads() / config.numKeyValueHeads();
        if (nRep > 1) {
            bias = bias.tile(new long[] {1, 1, nRep, 1}); // [B, 1, nRep·T, S], matching q's grouping
        }
        return new AttentionContext(cosQ, sinQ, cosK, sinK, bias, cache);
    }

    /**
     * Rotary tables for positions {@code cumsum(mask) - 1 (+ tokens seen before), clamped at 0}.
     *
     * @return {cosQ, sinQ} [B, 1, 1, T, hd] scaled by 1/sqrt(hd), {cosK, sinK} [B, 1, T, hd]
     */
    private NDArray[] ropeTables(NDArray mask, NDArray seen) {
        NDArray count = mask.cumSum(1); // [B, T]
        if (seen != null) {
            count = count.add(seen);
        }
        NDArray[] cs = rotary.tables(count.sub(1).maximum(0)); // [B, T, hd] each
        NDArray cosK = cs[0].expandDims(1); // [B, 1, T, hd]
        NDArray sinK = cs[1].expandDims(1);
        float scale = (float) (1.0 / Math.sqrt(config.headDim()));
        return new NDArray[] {cosK.expandDims(1).mul(scale), sinK.expandDims(1).mul(scale), cosK, sinK};
    }

    /** [T, S] with 0 where key j ≤ past + query i, else MASKED; S = past + T. */
    private static NDArray causalBias(NDManager m, long t, long past) {
        int s = Math.toIntExact(past + t);
        float[] bias = new float[Math.toIntExact(t) * s];
        for (int i = 0; i < t; i++) {
            for (int j = (int) past + i + 1; j < s; j++) {
                bias[i * s + j] = MASKED;
            }
        }
        return m.create(bias, new Shape(t, s));
    }

    /**
     * A sub-manager of the model's own for a caller's per-call work (inputs, step managers, caches); the caller
     * closes it. Arrays created in it never land among the parameters.
     */
    public NDManager newWorkManager() {
        return manager.newSubManager();
    }

    /** An empty KV cache for this model, in a sub-manager of {@code parent}. */
    public KvCache newCache(NDManager parent) {
        return new KvCache(parent, config.numHiddenLayers());
    }

    /** A deep copy whose parameters do not require gradients (e.g. the GRPO reference model). */
    public CausalLm copyFrozen(NDManager parent) {
        NDManager m = parent.newSubManager();
        Map<String, NDArray> copy = new LinkedHashMap<>();
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false); // a clone made under grad mode would hang off the original's graph
        try {
            for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
                NDArray c = e.getValue().duplicate();
                c.attach(m);
                c.setName(e.getKey());
                copy.put(e.getKey(), c);
            }
        } finally {
            JniUtils.setGradMode(grad);
        }
        return new CausalLm(config, m, copy);
    }

    /** Attaches (true) or detaches (false) gradients to all parameters. */
    public void setTrainable(boolean trainable) {
        for (NDArray p : parameters.values()) {
            p.setRequiresGradient(trainable);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
