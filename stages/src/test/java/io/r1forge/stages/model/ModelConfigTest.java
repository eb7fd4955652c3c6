package io.r1forge.stages.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class ModelConfigTest {
    private static final String LLAMA = """
            {"architectures": ["LlamaForCausalLM"], "vocab_size": 100, "hidden_size": 64,
             "intermediate_size": 128, "num_hidden_layers": 2, "num_attention_heads": 4,
             "num_key_value_heads": 2, "rms_norm_eps": 1e-5, "rope_theta": 500000.0,
             "bos_token_id": 1, "eos_token_id": [2, 7]}""";

    @Test
    void readsLlamaWithDefaults() {
        ModelConfig c = ModelConfig.fromJson(LLAMA);
        assertEquals(ModelConfig.LLAMA, c.architecture());
        assertEquals(16, c.headDim());
        assertEquals(2, c.numKeyValueHeads());
        assertEquals(500000.0, c.ropeTheta());
        assertEquals(1e-5, c.rmsNormEps());
        assertFalse(c.attentionBias(), "Llama has no attention bias unless attention_bias=true");
        assertFalse(c.tieWordEmbeddings());
        assertEquals(2048, c.maxPositionEmbeddings());
        assertEquals(2, c.eosTokenId(), "first of an EOS list");
    }

    @Test
    void qwen2HasQkvBiasAndKvHeadsDefaultToHeads() {
        String json = LLAMA.replace("LlamaForCausalLM", "Qwen2ForCausalLM").replace("\"num_key_value_heads\": 2,", "");
        ModelConfig c = ModelConfig.fromJson(json);
        assertTrue(c.attentionBias());
        assertEquals(4, c.numKeyValueHeads());
    }

    @Test
    void errorsNameTheField() {
        ModelConfigException missing = assertThrows(ModelConfigException.class,
                () -> ModelConfig.fromJson(LLAMA.replace("\"hidden_size\": 64,", "")));
        assertEquals("config.json: missing field 'hidden_size'", missing.getMessage());
        ModelConfigException arch = assertThrows(ModelConfigException.class,
                () -> ModelConfig.fromJson(LLAMA.replace("LlamaForCausalLM", "GPT2LMHeadModel")));
        assertTrue(arch.getMessage().contains("unknown architecture 'GPT2LMHeadModel' (supported: LlamaForCausalLM"),
                arch.getMessage());
        ModelConfigException heads = assertThrows(ModelConfigException.class,
                () -> ModelConfig.fromJson(LLAMA.replace("\"num_attention_heads\": 4", "\"num_attention_heads\": 6")));
        assertEquals("num_attention_heads (6) must divide hidden_size (64)", heads.getMessage());
        ModelConfigException kv = assertThrows(ModelConfigException.class,
                () -> ModelConfig.fromJson(LLAMA.replace("\"num_key_value_heads\": 2", "\"num_key_value_heads\": 3")));
        assertTrue(kv.getMessage().startsWith("num_key_value_heads (3) must divide"), kv.getMessage());
        ModelConfigException type = assertThrows(ModelConfigException.class,
                () -> ModelConfig.fromJson(LLAMA.replace("\"vocab_size\": 100", "\"vocab_size\": \"many\"")));
        assertTrue(type.getMessage().contains("'vocab_size' must be an integer"), type.getMessage());
        ModelConfigException scaling = assertThrows(ModelConfigException.class,
                () -> ModelConfig.fromJson(LLAMA.replace("{", "{\"rope_scaling\": {\"type\": \"llama3\"},")));
        assertTrue(scaling.getMessage().contains("rope_scaling"), scaling.getMessage());
    }

    @Test
    void jsonRoundTrip() {
        ModelConfig c = ModelConfig.tiny(77).withSpecialTokens(3, 4);
        assertEquals(c, ModelConfig.fromJson(c.toJson()));
        ModelConfig q = ModelConfig.fromJson(LLAMA.replace("LlamaForCausalLM", "Qwen2ForCausalLM"));
        assertEquals(q, ModelConfig.fromJson(q.toJson()));
    }

    @Test
    void presetSizes() {
        try (NDManager m = NDManager.newBaseManager()) {
            try (CausalLm tiny = CausalLm.initialize(ModelConfig.tiny(64), 0, m)) {
                long n = tiny.parameterCount();
                assertTrue(n > 700_000 && n < 1_200_000, "tiny: " + n);
            }
            long small = ModelConfig.small(8000).numHiddenLayers() * 2_950_144L + 8000L * 512 + 512;
            try (CausalLm lm = CausalLm.initialize(ModelConfig.small(8000), 0, m)) {
                assertEquals(small, lm.parameterCount());
                assertTrue(small > 20_000_000 && small < 50_000_000, "small: " + small);
            }
        }
    }
}
