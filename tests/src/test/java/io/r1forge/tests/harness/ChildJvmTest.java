package io.r1forge.tests.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The harness itself: a child JVM runs the CLI from the test class path and its output lands in its log. */
@ExtendWith(SharedStack.class)
class ChildJvmTest {
    @Test
    void childJvmRunsTheCliFromTheTestClassPath(EmbeddedStack stack) throws Exception {
        WorkerProcess child = WorkerProcess.startCli(stack, "version", List.of("--version"));
        assertEquals(0, child.waitFor(Duration.ofSeconds(60)), child.tail(20));
        assertTrue(child.log().contains("R1 Forge"), child.log());
    }
}
