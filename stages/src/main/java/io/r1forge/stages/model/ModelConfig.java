package io.r1forge.stages.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The shape of a decoder-only transformer, as in a Hugging Face {@code config.json}.
 *
 * <p>Two layouts are supported; they differ only in the attention biases: {@code Qwen2ForCausalLM} always has
 * q/k/v biases, {@code LlamaForCausalLM} has them when {@code attention_bias} is true (default false). Neither has
 * an o_proj bias or MLP biases.
 *
 * @param architecture {@code LlamaForCausalLM} or {@code Qwen2ForCausalLM}
 * @param bosTokenId beginning-of-sequence id, -1 when the config names none
 * @param eosTokenId end-of-sequence id (the first, when the config gives a list), -1 when none
 */
public record ModelConfig(
        String architecture,
        int vocabSize,
        int hiddenSize,
        int intermediateSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int numKeyValueHeads,
        int maxPositionEmbeddings,
        double rmsNormEps,
        double ropeTheta,
        boolean tieWordEmbeddings,
        boolean attentionBias,
        int bosTokenId,
        int eosTokenId) {

    public static final String LLAMA = "LlamaForCausalLM";
    public static final String QWEN2 = "Qwen2ForCausalLM";
    public static final List<String> SUPPORTED_ARCHITECTURES = List.of(LLAMA, QWEN2);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Validates the shape; the message names the field at fault. */
    public ModelConfig {
        if (!SUPPORTED_ARCHITECTURES.contains(architecture)) {
            throw new ModelConfigException(
                    "unknown architecture '" + architecture + "' (supported: "
                            + String.join(", ", SUPPORTED_ARCHITECTURES) + ")");
        }
        positive("vocab_size", vocabSize);
        positive("hidden_size", hiddenSize);
        positive("intermediate_size", intermediateSize);
        positive("num_hidden_layers", numHiddenLayers);
        positive("num_attention_heads", numAttentionHeads);
        positive("num_key_value_heads", numKeyValueHeads);
        positive("max_position_embeddings", maxPositionEmbeddings);
        if (hiddenSize % numAttentionHeads != 0) {
            throw new ModelConfigException("num_attention_heads (" + numAttentionHeads
                    + ") must divide hidden_size (" + hiddenSize + ")");
        }
        if (numAttentionHeads % numKeyValueHeads != 0) {
            throw new ModelConfigException("num_key_value_heads (" + numKeyValueHeads
                    + ") must divide num_attention_heads (" + numAttentionHeads + ")");
        }
        if ((hiddenSize / numAttentionHeads) % 2 != 0) {
            throw new ModelConfigException("head dimension hidden_size / num_attention_heads ("
                    + hiddenSize / numAttentionHeads + ") must be even for rotary embeddings");
        }
        if (!(rmsNormEps > 0)) {
            throw new ModelConfigException("rms_norm_eps must be > 0, was " + rmsNormEps);
        }
        if (!(ropeTheta > 0)) {
            throw new ModelConfigException("rope_theta must be > 0, was " + ropeTheta);
        }
    }

    private static void positive(String field, int value) {
        if (value <= 0) {
            throw new ModelConfigException(field + " must be > 0, was " + value);
        }
    }

    /** Per-head dimension, {@code hiddenSize / numAttentionHeads}. */
    public int headDim() {
        return hiddenSize / numAttentionHeads;
    }

    /** Whether q/k/v projections carry a bias: always for Qwen2, {@code attention_bias} for Llama. */
    public boolean qkvBias() {
        return attentionBias;
    }

    /**
     * ~0.8M parameters at vocabulary 64: 4 layers, d=128, 4 heads (2 key/value heads), SwiGLU 384, tied
     * embeddings. The size measured to learn the tiny world's arithmetic in minutes on 2 cores (DESIGN §3).
     */
    public static ModelConfig tiny(int vocabSize) {
        return new ModelConfig(LLAMA, vocabSize, 128, 384, 4, 4, 2, 1024, 1e-6, 10_000.0, true, false, -1, -1);
    }

    /**
     * The distillation student, smaller than {@link #tiny}: 3 layers instead of 4 (d=128, 4 heads with 2 key/value
     * heads, SwiGLU 384, tied embeddings) — three quarters of tiny's parameters besides the embeddings and of its
     * compute per token. The stand-in for the paper's small Qwen bases (Table 6). A 2-layer d=96 student did not learn
     * the arithmetic in tiny's pre-training budget (greedy pass@1 0.11 after 1300 steps, where tiny reaches 0.73), so
     * its distillation had nothing to build on.
     */
    public static ModelConfig student(int vocabSize) {
        return new ModelConfig(LLAMA, vocabSize, 128, 384, 3, 4, 2, 1024, 1e-6, 10_000.0, true, false, -1, -1);
    }

    /** ~24M parameters (plus embeddings): 8 layers, d=512, 8 heads (4 key/value heads), SwiGLU 1408, tied. */
    public static ModelConfig small(int vocabSize) {
        return new ModelConfig(LLAMA, vocabSize, 512, 1408, 8, 8, 4, 2048, 1e-6, 10_000.0, true, false, -1, -1);
    }

    /** A copy with other special token ids (e.g. from the tokenizer). */
    public ModelConfig withSpecialTokens(int bos, int eos) {
        return new ModelConfig(architecture, vocabSize, hiddenSize, intermediateSize, numHiddenLayers,
                numAttentionHeads, numKeyValueHeads, maxPositionEmbeddings, rmsNormEps, ropeTheta,
                tieWordEmbeddings, attentionBias, bos, eos);
    }

    /** Reads a Hugging Face {@code config.json}. */
    public static ModelConfig read(Path configJson) {
        try {
            return fromJson(Files.readString(configJson));
        } catch (IOException e) {
            throw new ModelConfigException("cannot read " + configJson + ": " + e.getMessage(), e);
        }
    }

    /** Parses a Hugging Face {@code config.json}; errors name the missing or invalid field. */
    public static ModelConfig fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ModelConfigException("config.json: not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelConfigException("config.json: expected a JSON object");
        }
        return ConfigJson.parse(root);
    }

    /** Writes a Hugging Face {@code config.json} (fp32 weights). */
    public String toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.putArray("architectures").add(architecture);
        n.put("model_type", architecture.equals(QWEN2) ? "qwen2" : "llama");
        n.put("vocab_size", vocabSize);
        n.put("hidden_size", hiddenSize);
        n.put("intermediate_size", intermediateSize);
        n.put("num_hidden_layers", numHiddenLayers);
        n.put("num_attention_heads", numAttentionHeads);
        n.put("num_key_value_heads", numKeyValueHeads);
        n.put("max_position_embeddings", maxPositionEmbeddings);
        n.put("rms_norm_eps", rmsNormEps);
        n.put("rope_theta", ropeTheta);
        n.put("tie_word_embeddings", tieWordEmbeddings);
        if (architecture.equals(LLAMA)) {
            n.put("attention_bias", attentionBias);
            n.put("mlp_bias", false);
        }
        n.put("hidden_act", "silu");
        if (bosTokenId >= 0) {
            n.put("bos_token_id", bosTokenId);
        }
        if (eosTokenId >= 0) {
            n.put("eos_token_id", eosTokenId);
        }
        n.put("torch_dtype", "float32");
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a JSON tree", e);
        }
    }
}
