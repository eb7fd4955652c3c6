package io.r1forge.stages.spec;

import java.util.List;

/** An invalid pipeline spec; {@link #violations()} lists every problem, each naming its field path. */
public final class SpecException extends RuntimeException {
    private final List<String> violations;

    public SpecException(List<String> violations) {
        super("invalid pipeline spec:\n  - " + String.join("\n  - ", violations));
        this.violations = List.copyOf(violations);
    }

    /** E.g. {@code "r1_zero.num_generations: must be >= 2 (was 1)"}. */
    public List<String> violations() {
        return violations;
    }
}
