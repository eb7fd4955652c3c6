package io.r1forge.stages.tasks;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cold-start output format of the paper (§2.3.1): {@code |special_token|<reasoning_process>
 * |special_token|<summary>}, and conversion to and from the R1-Zero tags.
 *
 * <p>Mapping: the reasoning is the text inside {@code <think>}, the summary is the text inside
 * {@code <answer>}. Rewards score a cold-start completion by converting it back with {@link
 * #toThinkAnswer}; so the answer of a summary is what the accuracy reward extracts from {@code
 * <answer>summary</answer>}: the last {@code \boxed{}} in the summary if it has one, else the whole
 * summary. Example: {@code "|special_token| 3 plus 5 is 8 |special_token| 8"} ⇄ {@code
 * "<think> 3 plus 5 is 8 </think> <answer> 8 </answer>"}.
 */
public final class ColdStartFormat {
    public static final String SPECIAL = "|special_token|";

    private static final Pattern THINK_ANSWER = Pattern.compile(
            "\\s*<think>(.*?)</think>\\s*<answer>(.*?)</answer>\\s*", Pattern.DOTALL);

    private ColdStartFormat() {}

    /** {@code <think>r</think><answer>a</answer>} → {@code |special_token|r|special_token|a}; empty if not that shape. */
    public static Optional<String> fromThinkAnswer(String completion) {
        Matcher m = THINK_ANSWER.matcher(stripEos(completion));
        if (!m.matches() || m.group(1).contains(Templates.THINK_OPEN) || m.group(2).contains(Templates.ANSWER_OPEN)) {
            return Optional.empty();
        }
        return Optional.of(format(m.group(1), m.group(2)));
    }

    /** {@code |special_token|r|special_token|a} → {@code <think> r </think> <answer> a </answer>}; empty if not that shape. */
    public static Optional<String> toThinkAnswer(String coldStart) {
        String s = stripEos(coldStart).strip();
        if (!s.startsWith(SPECIAL)) {
            return Optional.empty();
        }
        String rest = s.substring(SPECIAL.length());
        int second = rest.indexOf(SPECIAL);
        if (second < 0 || rest.indexOf(SPECIAL, second + SPECIAL.length()) >= 0) {
            return Optional.empty();
        }
        return Optional.of(Templates.thinkAnswer(rest.substring(0, second), rest.substring(second + SPECIAL.length())).strip());
    }

    /** The cold-start text for a reasoning and a summary (each stripped). */
    public static String format(String reasoning, String summary) {
        return SPECIAL + " " + reasoning.strip() + " " + SPECIAL + " " + summary.strip();
    }

    /** True if the text looks like a cold-start completion (starts with the special token). */
    public static boolean isColdStart(String completion) {
        return completion.strip().startsWith(SPECIAL);
    }

    static String stripEos(String s) {
        String t = s.stripTrailing();
        return t.endsWith(Templates.EOS) ? t.substring(0, t.length() - Templates.EOS.length()) : s;
    }
}
