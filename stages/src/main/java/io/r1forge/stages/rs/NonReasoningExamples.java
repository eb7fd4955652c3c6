package io.r1forge.stages.rs;

import io.r1forge.stages.tasks.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The tiny world's stand-in for the paper's non-reasoning SFT data (§2.3.3: writing, factual QA, self-cognition,
 * translation, ~200k samples from the DeepSeek-V3 pipeline). Two trivial tasks in both languages, with
 * <em>direct</em> answers and an empty chain of thought, because the paper gives no CoT for simple queries
 * ("hello"): repeating a word, and writing a number word in digits (a one-word translation).
 *
 * <p>Why mix them in: stage 4b trains the <em>base</em> again, and a data set of arithmetic chains only would
 * teach it that every question gets a chain; the mix keeps "simple question, short answer" in the model while
 * rejection-sampled chains supply the reasoning. The share is kept small (a few percent) so it does not dilute
 * the reasoning data.
 */
public final class NonReasoningExamples {
    /** One generated query and its direct answer. */
    public record Example(String id, Language language, String question, String answer) {}

    private static final String[] EN_WORDS = {"apple", "river", "stone", "cloud", "green", "house", "light", "tree"};
    private static final String[] ZH_WORDS = {"山", "水", "花", "天", "月", "风", "书", "门"};
    private static final String[] EN_NUMBERS = {"zero", "one", "two", "three", "four", "five", "six", "seven",
        "eight", "nine", "ten"};
    private static final String ZH_NUMBERS = "零一二三四五六七八九十";

    private NonReasoningExamples() {}

    /** {@code n} examples, alternating tasks and languages at random, reproducible from the seed. */
    public static List<Example> generate(int n, long seed) {
        Random random = new Random(seed);
        List<Example> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Language lang = random.nextBoolean() ? Language.EN : Language.ZH;
            String id = String.format("nonreasoning-%05d", i);
            out.add(random.nextBoolean() ? repeat(random, lang, id) : digits(random, lang, id));
        }
        return out;
    }

    static Example repeat(Random random, Language lang, String id) {
        if (lang == Language.EN) {
            String w = EN_WORDS[random.nextInt(EN_WORDS.length)];
            return new Example(id, lang, "Repeat the word " + w, w);
        }
        String w = ZH_WORDS[random.nextInt(ZH_WORDS.length)];
        return new Example(id, lang, "重复这个字: " + w, w);
    }

    static Example digits(Random random, Language lang, String id) {
        int v = random.nextInt(11);
        String word = lang == Language.EN ? EN_NUMBERS[v] : String.valueOf(ZH_NUMBERS.charAt(v));
        String q = lang == Language.EN ? "Write " + word + " in digits" : "把 " + word + " 写成数字";
        return new Example(id, lang, q, Integer.toString(v));
    }
}
