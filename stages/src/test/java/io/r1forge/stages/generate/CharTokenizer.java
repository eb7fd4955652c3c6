package io.r1forge.stages.generate;

import io.r1forge.stages.tokenizer.TextTokenizer;
import java.util.OptionalInt;

/**
 * Test double: id 0 is padding, id 1 end-of-sequence (both decode to nothing), id i ≥ 2 is the character
 * {@code (char) ('!' + i - 2)}. The EOS id can be moved to make any token stop generation.
 */
final class CharTokenizer implements TextTokenizer {
    private final int vocabSize;
    private final int eosId;

    CharTokenizer(int vocabSize, int eosId) {
        this.vocabSize = vocabSize;
        this.eosId = eosId;
    }

    @Override
    public int[] encode(String text) {
        return text.chars().map(c -> c - '!' + 2).toArray();
    }

    @Override
    public String decode(int[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            if (id >= 2 && id != eosId) {
                sb.append((char) ('!' + id - 2));
            }
        }
        return sb.toString();
    }

    @Override
    public int eosId() {
        return eosId;
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
        return token.length() == 1 ? OptionalInt.of(token.charAt(0) - '!' + 2) : OptionalInt.empty();
    }
}
