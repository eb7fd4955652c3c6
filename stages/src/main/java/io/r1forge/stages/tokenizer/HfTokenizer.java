package io.r1forge.stages.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * {@link TextTokenizer} over DJL's Hugging Face tokenizer (the Rust {@code tokenizers} library), for any
 * {@code tokenizer.json}: the tiny world's and real Qwen2/Llama ones.
 *
 * <p>Encoding never adds special tokens (no implicit BOS/EOS: prompts are built explicitly), never truncates
 * or pads; decoding keeps special tokens so that {@code <think>} tags and EOS stay visible.
 */
public final class HfTokenizer implements TextTokenizer, AutoCloseable {
    /** Passed to DJL: its defaults would add special tokens and truncate to 512 tokens. */
    private static final Map<String, String> OPTIONS = Map.of(
            "addSpecialTokens", "false",
            "truncation", "false",
            "padding", "false",
            "doLowerCase", "false");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HuggingFaceTokenizer hf;
    private final String json;
    private final Map<String, Integer> vocab;
    private final int vocabSize;
    private final int eosId;
    private final int padId;

    private HfTokenizer(String json, Map<String, Integer> vocab, int eosId, int padId) {
        this.json = json;
        this.vocab = vocab;
        this.vocabSize = vocab.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        if (eosId < 0 || eosId >= vocabSize || padId < 0 || padId >= vocabSize) {
            throw new IllegalArgumentException("EOS id " + eosId + " or pad id " + padId
                    + " is outside the tokenizer vocabulary [0, " + vocabSize + ")");
        }
        this.eosId = eosId;
        this.padId = padId;
        this.hf = newHf(json); // last: nothing native to release if the ids are refused
    }

    /** Loads a {@code tokenizer.json} file; EOS and pad are given by token string (e.g. "<|endoftext|>"). */
    public static HfTokenizer load(Path tokenizerJson, String eosToken, String padToken) {
        try {
            return fromJson(Files.readString(tokenizerJson, StandardCharsets.UTF_8), eosToken, padToken);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer " + tokenizerJson, e);
        }
    }

    /** Loads a {@code tokenizer.json} file with EOS and pad given by id (from generation_config.json). */
    public static HfTokenizer load(Path tokenizerJson, int eosId, int padId) {
        try {
            String json = Files.readString(tokenizerJson, StandardCharsets.UTF_8);
            return new HfTokenizer(json, vocabOf(json), eosId, padId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer " + tokenizerJson, e);
        }
    }

    /** Builds from {@code tokenizer.json} text; the error names an EOS/pad token absent from the vocabulary. */
    public static HfTokenizer fromJson(String json, String eosToken, String padToken) {
        Map<String, Integer> vocab = vocabOf(json);
        return new HfTokenizer(json, vocab, idOf(vocab, eosToken, "EOS"), idOf(vocab, padToken, "pad"));
    }

    private static int idOf(Map<String, Integer> vocab, String token, String role) {
        Integer id = vocab.get(token);
        if (id == null) {
            throw new IllegalArgumentException(role + " token '" + token + "' is not in the tokenizer vocabulary");
        }
        return id;
    }

    private static HuggingFaceTokenizer newHf(String json) {
        try {
            return HuggingFaceTokenizer.newInstance(
                    new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), OPTIONS);
        } catch (IOException e) {
            throw new UncheckedIOException("DJL could not load the tokenizer", e);
        }
    }

    /** Token → id over the model vocabulary (object form, or Unigram's [piece, score] list) and added tokens. */
    static Map<String, Integer> vocabOf(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            Map<String, Integer> out = new HashMap<>();
            JsonNode v = root.path("model").path("vocab");
            if (v.isObject()) {
                v.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asInt()));
            } else if (v.isArray()) {
                for (int i = 0; i < v.size(); i++) {
                    out.put(v.get(i).get(0).asText(), i);
                }
            }
            for (JsonNode t : root.path("added_tokens")) {
                out.put(t.get("content").asText(), t.get("id").asInt());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("tokenizer.json is not valid JSON", e);
        }
    }

    /** The {@code tokenizer.json} text this tokenizer was built from (written into checkpoints). */
    public String json() {
        return json;
    }

    @Override
    public int[] encode(String text) {
        long[] ids = hf.encode(text, false, false).getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }

    @Override
    public String decode(int[] ids) {
        long[] l = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            l[i] = ids[i];
        }
        return hf.decode(l, false);
    }

    @Override
    public int eosId() {
        return eosId;
    }

    @Override
    public int padId() {
        return padId;
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public OptionalInt tokenId(String token) {
        Integer id = vocab.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    @Override
    public void close() {
        hf.close();
    }
}
