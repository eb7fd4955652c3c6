package io.r1forge.stages.model;

import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Hugging Face parameter names and shapes of a {@link ModelConfig}, in checkpoint order. */
final class ParameterLayout {
    static final String EMBED = "model.embed_tokens.weight";
    static final String FINAL_NORM = "model.norm.weight";
    static final String LM_HEAD = "lm_head.weight";

    private ParameterLayout() {}

    /** Prefix of layer i's names, e.g. {@code model.layers.3.}. */
    static String layer(int i) {
        return "model.layers." + i + ".";
    }

    /** name → shape; linear weights are [out, in] as in PyTorch. */
    static Map<String, Shape> shapes(ModelConfig c) {
        long d = c.hiddenSize();
        long q = (long) c.numAttentionHeads() * c.headDim();
        long kv = (long) c.numKeyValueHeads() * c.headDim();
        long f = c.intermediateSize();
        Map<String, Shape> s = new LinkedHashMap<>();
        s.put(EMBED, new Shape(c.vocabSize(), d));
        for (int i = 0; i < c.numHiddenLayers(); i++) {
            String p = layer(i);
            s.put(p + "input_layernorm.weight", new Shape(d));
            s.put(p + "self_attn.q_proj.weight", new Shape(q, d));
            s.put(p + "self_attn.k_proj.weight", new Shape(kv, d));
            s.put(p + "self_attn.v_proj.weight", new Shape(kv, d));
            if (c.qkvBias()) {
                s.put(p + "self_attn.q_proj.bias", new Shape(q));
                s.put(p + "self_attn.k_proj.bias", new Shape(kv));
                s.put(p + "self_attn.v_proj.bias", new Shape(kv));
            }
            s.put(p + "self_attn.o_proj.weight", new Shape(d, q));
            s.put(p + "post_attention_layernorm.weight", new Shape(d));
            s.put(p + "mlp.gate_proj.weight", new Shape(f, d));
            s.put(p + "mlp.up_proj.weight", new Shape(f, d));
            s.put(p + "mlp.down_proj.weight", new Shape(d, f));
        }
        s.put(FINAL_NORM, new Shape(d));
        if (!c.tieWordEmbeddings()) {
            s.put(LM_HEAD, new Shape(c.vocabSize(), d));
        }
        return s;
    }

    /** Names found in some checkpoints that carry no weights of ours (buffers, a tied head saved anyway). */
    static boolean ignorable(ModelConfig c, String name) {
        return name.endsWith(".rotary_emb.inv_freq") || (c.tieWordEmbeddings() && name.equals(LM_HEAD));
    }
}
