package io.r1forge.stages.model;

import com.fasterxml.jackson.databind.JsonNode;

/** Parsing of Hugging Face config.json fields, with defaults as in transformers' Llama/Qwen2 configs. */
final class ConfigJson {
    private ConfigJson() {}

    static ModelConfig parse(JsonNode root) {
        String arch = architecture(root);
        boolean qwen2 = arch.equals(ModelConfig.QWEN2);
        refuseUnsupported(root);
        int heads = requiredInt(root, "num_attention_heads");
        int hidden = requiredInt(root, "hidden_size");
        checkHeadDim(root, hidden, heads);
        boolean bias = qwen2 || optBool(root, "attention_bias", false);
        return new ModelConfig(
                arch,
                requiredInt(root, "vocab_size"),
                hidden,
                requiredInt(root, "intermediate_size"),
                requiredInt(root, "num_hidden_layers"),
                heads,
                optInt(root, "num_key_value_heads", heads),
                optInt(root, "max_position_embeddings", qwen2 ? 32768 : 2048),
                optDouble(root, "rms_norm_eps", 1e-6),
                optDouble(root, "rope_theta", 10_000.0),
                optBool(root, "tie_word_embeddings", false),
                bias,
                tokenId(root, "bos_token_id"),
                tokenId(root, "eos_token_id"));
    }

    private static String architecture(JsonNode root) {
        JsonNode a = root.get("architectures");
        if (a == null || !a.isArray() || a.isEmpty() || !a.get(0).isTextual()) {
            throw new ModelConfigException("config.json: missing field 'architectures' (a list such as [\""
                    + ModelConfig.LLAMA + "\"])");
        }
        String arch = a.get(0).asText();
        if (!ModelConfig.SUPPORTED_ARCHITECTURES.contains(arch)) {
            throw new ModelConfigException("config.json: unknown architecture '" + arch + "' (supported: "
                    + String.join(", ", ModelConfig.SUPPORTED_ARCHITECTURES) + ")");
        }
        return arch;
    }

    /** Features that change the forward pass and that we do not implement: refuse rather than compute wrongly. */
    private static void refuseUnsupported(JsonNode root) {
        JsonNode act = root.get("hidden_act");
        if (act != null && !act.isNull() && !act.asText().equals("silu")) {
            throw new ModelConfigException("config.json: hidden_act '" + act.asText() + "' unsupported (only silu)");
        }
        JsonNode scaling = root.get("rope_scaling");
        if (scaling != null && !scaling.isNull()) {
            throw new ModelConfigException("config.json: rope_scaling " + scaling + " unsupported (plain RoPE only)");
        }
        if (optBool(root, "mlp_bias", false)) {
            throw new ModelConfigException("config.json: mlp_bias=true unsupported");
        }
        if (optBool(root, "use_sliding_window", false)) {
            throw new ModelConfigException("config.json: use_sliding_window=true unsupported");
        }
    }

    private static void checkHeadDim(JsonNode root, int hidden, int heads) {
        JsonNode hd = root.get("head_dim");
        if (hd != null && !hd.isNull() && heads > 0 && hd.asInt() != hidden / heads) {
            throw new ModelConfigException("config.json: head_dim (" + hd.asInt()
                    + ") != hidden_size / num_attention_heads (" + hidden / heads + ") is unsupported");
        }
    }

    private static int requiredInt(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            throw new ModelConfigException("config.json: missing field '" + field + "'");
        }
        if (!v.isIntegralNumber()) {
            throw new ModelConfigException("config.json: field '" + field + "' must be an integer, was " + v);
        }
        return v.asInt();
    }

    private static int optInt(JsonNode root, String field, int dflt) {
        JsonNode v = root.get(field);
        return v == null || v.isNull() ? dflt : requiredInt(root, field);
    }

    private static double optDouble(JsonNode root, String field, double dflt) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isNumber()) {
            throw new ModelConfigException("config.json: field '" + field + "' must be a number, was " + v);
        }
        return v.asDouble();
    }

    private static boolean optBool(JsonNode root, String field, boolean dflt) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw new ModelConfigException("config.json: field '" + field + "' must be true or false, was " + v);
        }
        return v.asBoolean();
    }

    /** A token id, or the first of a list (Llama 3 lists several EOS ids); -1 when absent. */
    private static int tokenId(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return -1;
        }
        if (v.isArray()) {
            v = v.isEmpty() ? null : v.get(0);
        }
        if (v == null || !v.isIntegralNumber()) {
            throw new ModelConfigException("config.json: field '" + field + "' must be an integer id, was "
                    + root.get(field));
        }
        return v.asInt();
    }
}
