package io.r1forge.stages.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The tiny world's character-level tokenizer, written as a Hugging Face {@code tokenizer.json}.
 *
 * <p>Ids, in this fixed order: the special tokens {@link #SPECIAL_TOKENS} (0 = {@code <|endoftext|>}, EOS and
 * pad; 1 = {@code <unk>}), then printable ASCII 0x20–0x7E (so digits and operators are one token each), {@code \n},
 * {@code \t}, full-width punctuation, then the Chinese characters. Anything else encodes to {@code <unk>}.
 *
 * <p>Format choice: a BPE model with a character vocabulary and no merges, no normalizer, no pre-tokenizer (so
 * spaces are ordinary tokens) and a {@code Fuse} decoder (tokens are concatenated without separators), which makes
 * {@code decode(encode(s)) == s} for every string made of known characters. The tags are added tokens, matched
 * before the model runs, so each is one id.
 */
public final class TinyTokenizer {
    public static final String EOS = "<|endoftext|>";
    public static final String UNK = "<unk>";
    public static final String THINK_OPEN = "<think>";
    public static final String THINK_CLOSE = "</think>";
    public static final String ANSWER_OPEN = "<answer>";
    public static final String ANSWER_CLOSE = "</answer>";
    /** The placeholder the R1 template uses for the prompt (the paper's Table 1). */
    public static final String SPECIAL_TOKEN = "|special_token|";

    public static final List<String> SPECIAL_TOKENS =
            List.of(EOS, UNK, THINK_OPEN, THINK_CLOSE, ANSWER_OPEN, ANSWER_CLOSE, SPECIAL_TOKEN);

    /** Full-width punctuation Chinese prompts use. */
    static final String CJK_PUNCTUATION = "，。？！：；（）“”‘’、《》…—";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> tokens;

    private TinyTokenizer(List<String> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    /** The standard vocabulary: ~2.5k tokens, with the full common Chinese character set. */
    public static TinyTokenizer standard() {
        return withChinese(ChineseCharacters.COMMON);
    }

    /**
     * A vocabulary with only the given Chinese characters (a smaller embedding for the tiniest models); ids of
     * the special, ASCII and punctuation tokens are the same as in {@link #standard()}.
     */
    public static TinyTokenizer withChinese(String chineseCharacters) {
        Set<String> vocab = new LinkedHashSet<>(SPECIAL_TOKENS);
        for (char c = 0x20; c <= 0x7e; c++) {
            vocab.add(String.valueOf(c));
        }
        vocab.add("\n");
        vocab.add("\t");
        CJK_PUNCTUATION.codePoints().forEach(cp -> vocab.add(Character.toString(cp)));
        chineseCharacters.codePoints().forEach(cp -> vocab.add(Character.toString(cp)));
        return new TinyTokenizer(new ArrayList<>(vocab));
    }

    /** Tokens by id. */
    public List<String> tokens() {
        return Collections.unmodifiableList(tokens);
    }

    public int vocabSize() {
        return tokens.size();
    }

    /** The {@code tokenizer.json} text (Hugging Face tokenizers format, deterministic). */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (int i = 0; i < SPECIAL_TOKENS.size(); i++) {
            ObjectNode t = added.addObject();
            t.put("id", i);
            t.put("content", SPECIAL_TOKENS.get(i));
            t.put("single_word", false);
            t.put("lstrip", false);
            t.put("rstrip", false);
            t.put("normalized", false);
            // The tags are text the policy must emit and the rewards must see: not "special" (never skipped).
            t.put("special", i <= 1);
        }
        root.putNull("normalizer");
        root.putNull("pre_tokenizer");
        root.putNull("post_processor");
        root.putObject("decoder").put("type", "Fuse");
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.put("unk_token", UNK);
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        ObjectNode vocab = model.putObject("vocab");
        for (int i = 0; i < tokens.size(); i++) {
            vocab.put(tokens.get(i), i);
        }
        model.putArray("merges");
        return root.toPrettyString();
    }

    /** Writes {@code tokenizer.json} atomically (temporary file, then rename). */
    public void write(Path file) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, toJson(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Loads this vocabulary through DJL's Hugging Face tokenizer. */
    public HfTokenizer load() {
        return HfTokenizer.fromJson(toJson(), EOS, EOS);
    }
}
