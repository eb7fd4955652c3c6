package io.r1forge.stages.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TinyTokenizerTest {
    private static HfTokenizer tok;

    @BeforeAll
    static void load() {
        tok = TinyTokenizer.standard().load();
    }

    @AfterAll
    static void close() {
        tok.close();
    }

    @Test
    void roundTripsEnglishChineseMixedAndTags() {
        List<String> texts = List.of(
                "What is 12 + 7 * (3 - 1)? Answer: 26.",
                "计算 3 加 5 减 2 等于多少？答案是 6。",
                "<think>First, 3 + 5 = 8. 等一下，让我检查一下: 8 - 2 = 6, 所以 answer is 6.</think>"
                        + "<answer>6</answer><|endoftext|>",
                "A conversation between User and Assistant. User: |special_token|. Assistant:",
                "  two  spaces, a\ttab and a\nnewline  ");
        for (String s : texts) {
            assertEquals(s, tok.decode(tok.encode(s)), s);
        }
    }

    @Test
    void specialTokensAndDigitsAreSingleIds() {
        for (String special : TinyTokenizer.SPECIAL_TOKENS) {
            int[] ids = tok.encode(special);
            assertEquals(1, ids.length, special);
            assertEquals(tok.tokenId(special).getAsInt(), ids[0], special);
        }
        assertEquals(10, tok.encode("0123456789").length);
        assertArrayEquals(new int[] {tok.tokenId("1").getAsInt(), tok.tokenId("+").getAsInt(),
                tok.tokenId("2").getAsInt()}, tok.encode("1+2"));
        assertEquals(0, tok.eosId());
        assertEquals(0, tok.padId());
        assertEquals(TinyTokenizer.standard().vocabSize(), tok.vocabSize());
    }

    @Test
    void noImplicitBosEosAndNoTruncation() {
        String longText = "1+2=3. ".repeat(300);
        int[] ids = tok.encode(longText);
        assertEquals(longText.length(), ids.length, "one id per character, nothing added, nothing truncated");
        assertEquals(longText, tok.decode(ids));
    }

    @Test
    void unknownCharacterMapsToUnk() {
        int unk = tok.tokenId(TinyTokenizer.UNK).getAsInt();
        int[] ids = tok.encode("a\u03A9b");
        assertArrayEquals(new int[] {tok.tokenId("a").getAsInt(), unk, tok.tokenId("b").getAsInt()}, ids);
    }

    @Test
    void idsAreStableAcrossBuildsAndFixedForAsciiAndTags() {
        assertEquals(TinyTokenizer.standard().toJson(), TinyTokenizer.standard().toJson());
        List<String> tokens = TinyTokenizer.standard().tokens();
        assertEquals(List.of("<|endoftext|>", "<unk>", "<think>", "</think>", "<answer>", "</answer>",
                "|special_token|"), tokens.subList(0, 7));
        assertEquals(" ", tokens.get(7));
        assertEquals("0", tokens.get(7 + ('0' - ' ')));
        TinyTokenizer compact = TinyTokenizer.withChinese("加减等于");
        assertEquals(tokens.subList(0, compact.vocabSize() - 4), compact.tokens().subList(0, compact.vocabSize() - 4));
        assertTrue(tokens.containsAll(List.of("加", "减", "乘", "除", "等", "于", "答", "案", "零", "。")));
    }

    @Test
    void fileWrittenTokenizerLoadsWithSameIds(@TempDir Path dir) {
        Path f = dir.resolve("tokenizer.json");
        TinyTokenizer.standard().write(f);
        try (HfTokenizer fromFile = HfTokenizer.load(f, 0, 0)) {
            String s = "<think>检查 9 * 9 = 81</think>";
            assertArrayEquals(tok.encode(s), fromFile.encode(s));
        }
    }
}
