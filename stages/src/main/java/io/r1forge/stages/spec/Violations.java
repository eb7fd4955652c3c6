package io.r1forge.stages.spec;

import java.util.ArrayList;
import java.util.List;

/** Collects validation messages under a field path prefix, e.g. {@code "r1_zero.beta: must be >= 0 (was -1.0)"}. */
final class Violations {
    private final List<String> out;
    private final String prefix;

    Violations() {
        this(new ArrayList<>(), "");
    }

    private Violations(List<String> out, String prefix) {
        this.out = out;
        this.prefix = prefix;
    }

    /** The same collector, with {@code section.} prepended to field names. */
    Violations at(String section) {
        return new Violations(out, SpecStructure.join(prefix, section));
    }

    List<String> list() {
        return out;
    }

    void add(String field, String message) {
        out.add(SpecStructure.join(prefix, field) + ": " + message);
    }

    void atLeast(String field, long value, long min) {
        if (value < min) {
            add(field, "must be >= " + min + " (was " + value + ")");
        }
    }

    void positive(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            add(field, "must be > 0 (was " + value + ")");
        }
    }

    void nonNegative(String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            add(field, "must be >= 0 (was " + value + ")");
        }
    }

    void unit(String field, double value) {
        if (!(value >= 0 && value <= 1)) {
            add(field, "must be in [0, 1] (was " + value + ")");
        }
    }

    void topP(String field, double value) {
        if (!(value > 0 && value <= 1)) {
            add(field, "must be in (0, 1] (was " + value + ")");
        }
    }

    void nonBlank(String field, String value) {
        if (value == null || value.isBlank()) {
            add(field, "must not be blank");
        }
    }
}
