package io.r1forge.stages.sft;

import io.r1forge.stages.tokenizer.TextTokenizer;
import java.util.OptionalInt;

/** A test tokenizer: pad 0, EOS 1, every other char c → 2 + (c mod 30). Not reversible; tests only need ids. */
public final class CharTokenizer implements TextTokenizer {
    public static final int VOCAB = 32;

    @Override
    public int[] encode(String text) {
        return text.chars().map(c -> 2 + (c % 30)).toArray();
    }

    @Override
    public String decode(int[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            sb.append((char) ('a' + (id % 26)));
        }
        return sb.toString();
    }

    @Override
    public int eosId() {
        return 1;
    }

    @Override
    public int padId() {
        return 0;
    }

    @Override
    public int vocabSize() {
        return VOCAB;
    }

    @Override
    public OptionalInt tokenId(String token) {
        return OptionalInt.empty();
    }
}
