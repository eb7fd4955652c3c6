package io.r1forge.stages.rewards;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Detects re-checking in a completion, the behaviour behind the paper's "aha moment": phrases like
 * "wait", "let me check", "check:", "verify", "re-check", 验证, 检查, 等一下. Not a reward: it is a
 * metric the training curves plot (self-check rate and count per completion).
 *
 * <p>Example: {@code "17 minus 9 is 8. wait, let me check: 17 minus 9 is 8"} → detected, count 1
 * ("wait, let me check" and "等一下, 检查" are one cue each).
 */
public final class SelfCheck {
    private static final Pattern CUE = Pattern.compile(
            "\\bwait\\b[,.]?(\\s*let me (re-?)?check)?|\\blet me (re-?)?check\\b|\\bre-?check\\b|\\bcheck\\s*:"
                    + "|\\bverify\\b|等一下[,，]?\\s*(检查|验证)?|验证|检查",
            Pattern.CASE_INSENSITIVE);

    private SelfCheck() {}

    /** True if the completion contains at least one self-check cue. */
    public static boolean detect(String completion) {
        return CUE.matcher(completion).find();
    }

    /** Number of non-overlapping cues ("wait, let me check" counts once). */
    public static int count(String completion) {
        Matcher m = CUE.matcher(completion);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
