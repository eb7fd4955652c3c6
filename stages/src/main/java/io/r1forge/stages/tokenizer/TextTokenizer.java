package io.r1forge.stages.tokenizer;

import java.util.OptionalInt;

/** A text tokenizer: text to token ids and back, with the special ids generation needs. */
public interface TextTokenizer {
    int[] encode(String text);

    String decode(int[] ids);

    int eosId();

    int padId();

    int vocabSize();

    /** The id of a single token given by its exact string (e.g. a special token), if present. */
    OptionalInt tokenId(String token);
}
