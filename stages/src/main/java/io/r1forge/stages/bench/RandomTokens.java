package io.r1forge.stages.bench;

import io.r1forge.stages.tokenizer.TextTokenizer;
import java.util.OptionalInt;

/**
 * The tokenizer the benchmark hands to the {@code Generator}: ids only, no text. Its end-of-sequence id lies
 * outside the vocabulary, so every row samples exactly {@code maxNewTokens} tokens, as the Python side does.
 */
final class RandomTokens implements TextTokenizer {
    private final int vocabSize;

    RandomTokens(int vocabSize) {
        this.vocabSize = vocabSize;
    }

    @Override
    public int[] encode(String text) {
        throw new UnsupportedOperationException("the benchmark feeds token ids, not text");
    }

    @Override
    public String decode(int[] ids) {
        return "";
    }

    @Override
    public int eosId() {
        return -1;
    }

    @Override
    public int padId() {
        return 0;
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public OptionalInt tokenId(String token) {
        return OptionalInt.empty();
    }
}
