package io.r1forge.workflows.pipeline;

import java.time.Instant;
import java.util.Random;

/** Breaks the architecture rules on purpose: the ArchUnit test proves its rules catch this class. */
public final class ClockReadingWorkflowFixture {
    private ClockReadingWorkflowFixture() {}

    public static long seedFromTheClock() {
        return new Random(System.currentTimeMillis()).nextLong() + Instant.now().getNano()
                + org.junit.jupiter.api.Assertions.class.hashCode();
    }
}
