package io.r1forge.stages.tasks;

import java.util.Optional;

/**
 * Finds {@code \boxed{...}} contents with nested braces, as MATH solutions write their answers.
 * Example: {@code last("so \\boxed{\\frac{1}{2}}.")} is {@code "\\frac{1}{2}"}.
 */
public final class Boxed {
    private static final String[] COMMANDS = {"\\boxed{", "\\fbox{"};

    private Boxed() {}

    /** The contents of the last {@code \boxed{…}} (or {@code \fbox{…}}) whose braces balance. */
    public static Optional<String> last(String text) {
        int best = -1;
        String bestCmd = null;
        for (String cmd : COMMANDS) {
            int i = text.lastIndexOf(cmd);
            if (i > best) {
                best = i;
                bestCmd = cmd;
            }
        }
        while (best >= 0) {
            Optional<String> body = balanced(text, best + bestCmd.length());
            if (body.isPresent()) {
                return body;
            }
            best = text.lastIndexOf(bestCmd, best - 1);
        }
        return Optional.empty();
    }

    /** The text from {@code start} up to the brace closing the one just before {@code start}. */
    private static Optional<String> balanced(String text, int start) {
        int depth = 1;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return Optional.of(text.substring(start, i));
            }
        }
        return Optional.empty();
    }
}
