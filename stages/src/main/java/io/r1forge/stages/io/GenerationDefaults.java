package io.r1forge.stages.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The Hugging Face {@code generation_config.json}: special ids and default sampling parameters.
 *
 * @param bosTokenId -1 when the model has none (the tiny world)
 * @param eosTokenId end of sequence
 * @param padTokenId padding (the tiny world pads with EOS)
 * @param temperature default sampling temperature (R1 evaluates at 0.6)
 * @param topP default nucleus threshold (R1: 0.95)
 * @param topK default top-k, 0 = off
 * @param maxNewTokens default generation budget
 */
public record GenerationDefaults(int bosTokenId, int eosTokenId, int padTokenId, double temperature, double topP,
        int topK, int maxNewTokens) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** R1's evaluation sampling (temperature 0.6, top-p 0.95) with the given ids. */
    public static GenerationDefaults r1(int bosTokenId, int eosTokenId, int padTokenId, int maxNewTokens) {
        return new GenerationDefaults(bosTokenId, eosTokenId, padTokenId, 0.6, 0.95, 0, maxNewTokens);
    }

    public String toJson() {
        ObjectNode n = JSON.createObjectNode();
        if (bosTokenId >= 0) {
            n.put("bos_token_id", bosTokenId);
        }
        n.put("eos_token_id", eosTokenId);
        n.put("pad_token_id", padTokenId);
        n.put("do_sample", temperature > 0);
        n.put("temperature", temperature);
        n.put("top_p", topP);
        n.put("top_k", topK);
        n.put("max_new_tokens", maxNewTokens);
        return n.toPrettyString();
    }

    /**
     * Reads a {@code generation_config.json}; {@code eos_token_id} may be a list (the first is used), a missing
     * pad id defaults to EOS, missing sampling fields to R1's values; a missing EOS is named.
     */
    public static GenerationDefaults read(Path file) {
        JsonNode n;
        try {
            n = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        JsonNode eos = n.path("eos_token_id");
        int eosId = eos.isArray() && eos.size() > 0 ? eos.get(0).asInt() : eos.asInt(-1);
        if (eosId < 0) {
            throw new CheckpointException(file + ": missing field 'eos_token_id'");
        }
        return new GenerationDefaults(n.path("bos_token_id").asInt(-1), eosId, n.path("pad_token_id").asInt(eosId),
                n.path("temperature").asDouble(0.6), n.path("top_p").asDouble(0.95), n.path("top_k").asInt(0),
                n.path("max_new_tokens").asInt(256));
    }
}
