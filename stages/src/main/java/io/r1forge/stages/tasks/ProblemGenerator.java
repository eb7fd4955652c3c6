package io.r1forge.stages.tasks;

import java.util.Random;

/** A seeded source of problems of one family; all randomness comes from the given {@link Random}. */
public interface ProblemGenerator {
    /** The family of the problems produced, one of {@link Families}. */
    String family();

    /** One problem in the given language; {@code id} becomes {@link Problem#id()}. */
    Problem generate(Random random, Language language, String id);
}
