package io.r1forge.stages.tasks;

/**
 * Prompt templates and the tags of the output format.
 *
 * <p>The R1-Zero template is Table 1 of the paper, verbatim. The prompt ends at "Assistant:"; a
 * well-formed completion continues with {@code " <think> ... </think> <answer> ... </answer>"},
 * which is also how the pre-training corpus writes its documents. Rewards score the completion
 * only (the text after the template).
 */
public final class Templates {
    public static final String THINK_OPEN = "<think>";
    public static final String THINK_CLOSE = "</think>";
    public static final String ANSWER_OPEN = "<answer>";
    public static final String ANSWER_CLOSE = "</answer>";
    /** End-of-sequence marker text, as in the tiny tokenizer's special token. */
    public static final String EOS = "<|endoftext|>";

    /** Table 1 of the paper; {@code {prompt}} is replaced by the problem's prompt. */
    public static final String R1_ZERO =
            "A conversation between User and Assistant. The user asks a question, and the Assistant solves it. "
                    + "The assistant first thinks about the reasoning process in the mind and then provides the user "
                    + "with the answer. The reasoning process and answer are enclosed within <think> </think> and "
                    + "<answer> </answer> tags, respectively, i.e., <think> reasoning process here </think> "
                    + "<answer> answer here </answer>. User: {prompt}. Assistant:";

    /**
     * Table 1's last line only, for character-level tokenizers where the full template costs ~430 tokens a prompt
     * (see {@code spec.TemplateKind}).
     */
    public static final String R1_ZERO_SHORT = "User: {prompt}. Assistant:";

    private Templates() {}

    /** The R1-Zero prompt for a question, e.g. {@code "... User: What is 3 + 5?. Assistant:"}. */
    public static String r1Zero(String prompt) {
        return R1_ZERO.replace("{prompt}", prompt);
    }

    /** The R1-Zero prompt for a problem. */
    public static String r1Zero(Problem problem) {
        return r1Zero(problem.prompt());
    }

    /** The short R1-Zero prompt for a problem, e.g. {@code "User: What is 3 + 5?. Assistant:"}. */
    public static String r1ZeroShort(Problem problem) {
        return R1_ZERO_SHORT.replace("{prompt}", problem.prompt());
    }

    /** A well-formed completion as the corpus writes it: {@code " <think> r </think> <answer> a </answer>"}. */
    public static String thinkAnswer(String reasoning, String answer) {
        return " " + THINK_OPEN + " " + reasoning.strip() + " " + THINK_CLOSE + " "
                + ANSWER_OPEN + " " + answer.strip() + " " + ANSWER_CLOSE;
    }
}
