package io.r1forge.stages.rewards;

import io.r1forge.stages.tasks.Boxed;
import io.r1forge.stages.tasks.ColdStartFormat;
import io.r1forge.stages.tasks.Templates;
import java.util.Optional;

/**
 * Parts of a completion, shared by the rewards. Every method first normalises: a trailing {@code
 * <|endoftext|>} is dropped and a cold-start completion is converted to the {@code <think>/<answer>}
 * form ({@link ColdStartFormat#toThinkAnswer}), so both formats are scored by the same rules.
 */
public final class Completions {
    private Completions() {}

    /** The completion without a trailing EOS marker, cold-start converted to tags. */
    public static String normalize(String completion) {
        String s = completion.stripTrailing();
        if (s.endsWith(Templates.EOS)) {
            s = s.substring(0, s.length() - Templates.EOS.length());
        }
        if (ColdStartFormat.isColdStart(s)) {
            return ColdStartFormat.toThinkAnswer(s).orElse(s);
        }
        return s;
    }

    /**
     * The final answer: the contents of the last {@code <answer>…</answer>} (or of the last {@code
     * \boxed{}} inside it), else the last {@code \boxed{}} anywhere; empty if neither. Numbers in
     * the chain of thought are never taken as the answer.
     */
    public static Optional<String> answer(String completion) {
        String s = normalize(completion);
        int close = s.lastIndexOf(Templates.ANSWER_CLOSE);
        int open = close < 0 ? -1 : s.lastIndexOf(Templates.ANSWER_OPEN, close);
        if (open >= 0) {
            String inner = s.substring(open + Templates.ANSWER_OPEN.length(), close);
            return Optional.of(Boxed.last(inner).orElse(inner).strip());
        }
        return Boxed.last(s).map(String::strip);
    }

    /**
     * The chain of thought: text between the first {@code <think>} and the next {@code </think>}
     * (or the next {@code <answer>} / the end if it is not closed); empty if there is no {@code
     * <think>}.
     */
    public static Optional<String> thought(String completion) {
        String s = normalize(completion);
        int open = s.indexOf(Templates.THINK_OPEN);
        if (open < 0) {
            return Optional.empty();
        }
        int from = open + Templates.THINK_OPEN.length();
        int close = s.indexOf(Templates.THINK_CLOSE, from);
        if (close < 0) {
            close = s.indexOf(Templates.ANSWER_OPEN, from);
        }
        return Optional.of(s.substring(from, close < 0 ? s.length() : close));
    }
}
