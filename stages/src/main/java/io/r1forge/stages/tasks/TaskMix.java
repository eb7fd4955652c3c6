package io.r1forge.stages.tasks;

import java.util.List;

/**
 * Which generated families to draw from and in which language.
 *
 * @param families non-empty subset of {@link Families#GENERATED}; each problem picks one uniformly
 * @param chineseFraction probability that a problem is in {@link Language#ZH} (0 = all English)
 * @param arithmetic shape of arithmetic problems
 * @param countdown shape of countdown problems
 * @param compare shape of compare problems
 */
public record TaskMix(
        List<String> families,
        double chineseFraction,
        ArithmeticConfig arithmetic,
        CountdownGenerator countdown,
        CompareGenerator compare) {

    public TaskMix {
        families = List.copyOf(families);
        if (families.isEmpty()) {
            throw new IllegalArgumentException("families: must not be empty");
        }
        for (String f : families) {
            if (!Families.GENERATED.contains(f)) {
                throw new IllegalArgumentException(
                        "families: unknown family '" + f + "' (known: " + String.join(", ", Families.GENERATED) + ")");
            }
        }
        if (!(chineseFraction >= 0 && chineseFraction <= 1)) {
            throw new IllegalArgumentException("chineseFraction: must be in [0, 1] (was " + chineseFraction + ")");
        }
    }

    /** Tiny-world arithmetic only, half of the prompts in Chinese. */
    public static TaskMix tinyArithmetic() {
        return new TaskMix(List.of(Families.ARITHMETIC), 0.5, ArithmeticConfig.tiny(),
                CountdownGenerator.tiny(), CompareGenerator.tiny());
    }

    /** The same mix with other families. */
    public TaskMix withFamilies(List<String> newFamilies) {
        return new TaskMix(newFamilies, chineseFraction, arithmetic, countdown, compare);
    }

    /** The generator for one of {@link #families()}. */
    public ProblemGenerator generator(String family) {
        return switch (family) {
            case Families.ARITHMETIC -> new ArithmeticGenerator(arithmetic);
            case Families.COUNTDOWN -> countdown;
            case Families.COMPARE -> compare;
            default -> throw new IllegalArgumentException("no generator for family '" + family + "'");
        };
    }
}
