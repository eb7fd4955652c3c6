package io.r1forge.stages.tasks;

/**
 * The few words the tiny world speaks, in both languages; prompts, the pre-training corpus and
 * {@link Vocabulary} all take their text from here so a tokenizer built from {@link Vocabulary}
 * covers everything.
 */
public final class Words {
    private Words() {}

    /** "plus" / "加", "minus" / "减", "times" / "乘" for {@code + - *}. */
    public static String op(Language language, String op) {
        return switch (op) {
            case "+" -> language == Language.EN ? "plus" : "加";
            case "-" -> language == Language.EN ? "minus" : "减";
            case "*" -> language == Language.EN ? "times" : "乘";
            default -> throw new IllegalArgumentException("unknown operator '" + op + "'");
        };
    }

    /** "is" / "得": the verb of a step, "3 plus 5 is 8" / "3 加 5 得 8". */
    public static String is(Language language) {
        return language == Language.EN ? "is" : "得";
    }

    /** Connective before a follow-up step: "then" / "然后". */
    public static String then(Language language) {
        return language == Language.EN ? "then" : "然后";
    }

    /** Start of a self-check: "wait, let me check:" / "等一下, 检查:". */
    public static String check(Language language) {
        return language == Language.EN ? "wait, let me check:" : "等一下, 检查:";
    }

    /** Start of a cold-start style summary: "so the answer is" / "所以答案是". */
    public static String soTheAnswerIs(Language language) {
        return language == Language.EN ? "so the answer is" : "所以答案是";
    }
}
