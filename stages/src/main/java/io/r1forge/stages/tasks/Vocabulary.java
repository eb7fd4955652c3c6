package io.r1forge.stages.tasks;

/**
 * Every non-ASCII character the generated prompts and the pre-training corpus can contain, for
 * building a small tokenizer (e.g. {@code TinyTokenizer.withChinese(Vocabulary.CHINESE)}). All other
 * characters the tiny world writes are printable ASCII. A test generates text and checks it.
 */
public final class Vocabulary {
    /** Chinese characters of {@link Words} and the Chinese prompts. */
    public static final String CHINESE = "计算加减乘等于多少得然后一下检查所以答案是用数字出可每个最次中大小的";

    private Vocabulary() {}

    /** True if every character of {@code text} is printable ASCII, a newline, or in {@link #CHINESE}. */
    public static boolean covers(String text) {
        return text.codePoints().allMatch(cp -> (cp >= 0x20 && cp <= 0x7e) || cp == '\n'
                || CHINESE.indexOf(cp) >= 0);
    }
}
