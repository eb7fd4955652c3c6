package io.r1forge.stages.rewards;

import io.r1forge.stages.tasks.Language;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into words for the language and repetition rewards. A run of Latin letters is one
 * English word; every Han (CJK) character is one Chinese word (Chinese has no spaces, and a
 * character is the unit a reader counts); digits, operators, punctuation and other symbols are not
 * words. Example: {@code "abc中文 3 + 5"} → ["abc" (EN), "中" (ZH), "文" (ZH)].
 */
public final class TextUnits {
    /** A word and the language it counts for. */
    public record Word(String text, Language language) {}

    private TextUnits() {}

    /** The words of the text, in order. */
    public static List<Word> words(String text) {
        List<Word> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int len = Character.charCount(cp);
            if (isHan(cp)) {
                out.add(new Word(text.substring(i, i + len), Language.ZH));
                i += len;
            } else if (isLatinLetter(cp)) {
                int j = i;
                while (j < text.length() && isLatinLetter(text.codePointAt(j))) {
                    j += Character.charCount(text.codePointAt(j));
                }
                out.add(new Word(text.substring(i, j), Language.EN));
                i = j;
            } else {
                i += len;
            }
        }
        return out;
    }

    static boolean isHan(int cp) {
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }

    static boolean isLatinLetter(int cp) {
        return Character.isLetter(cp) && Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN;
    }
}
