package io.r1forge.stages.pretrain.corpus;

import java.util.Random;

/** The ways a corpus document breaks its tags, drawn uniformly. */
final class BrokenTags {
    private BrokenTags() {}

    /** A completion for reasoning {@code cot} and answer {@code x} with broken or missing tags. */
    static String apply(String cot, String x, Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> " " + cot + " </think> <answer> " + x + " </answer>";
            case 1 -> " <think> " + cot + " <answer> " + x + " </answer>";
            case 2 -> " <think> " + cot + " </think> " + x;
            case 3 -> " " + cot + " " + x;
            default -> " <think> " + cot + " </think> <answer> " + x;
        };
    }
}
