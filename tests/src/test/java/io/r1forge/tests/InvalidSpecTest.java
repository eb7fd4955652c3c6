package io.r1forge.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.r1forge.activities.store.RunRecord;
import io.r1forge.tests.harness.Cli;
import io.r1forge.tests.harness.EmbeddedStack;
import io.r1forge.tests.harness.SharedStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code r1 run -f bad.yaml} against the live embedded stack: the spec is refused before anything starts — exit
 * code 2, the offending field named, no workflow on the Temporal server and no entry in the run catalog.
 */
@ExtendWith(SharedStack.class)
class InvalidSpecTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "too few generations | '  num_generations: 1'  | num_generations",
        "unknown field       | '  lerning_rate: 1.0e-4' | lerning_rate",
    })
    void badSpecIsRefusedBeforeAnythingStarts(String label, String r1ZeroLine, String field, EmbeddedStack stack)
            throws Exception {
        Path bad = stack.dir().resolve("specs").resolve(field + "-bad.yaml");
        Files.createDirectories(bad.getParent());
        String name = "bad-" + field.replace('_', '-');
        Files.writeString(bad, "preset: tiny\nname: " + name + "\nr1_zero:\n" + r1ZeroLine + "\n");
        Set<String> workflowsBefore = stack.workflowIds();
        List<String> runsBefore = runIds(stack);

        Cli.Result r = Cli.temporal(stack, "run", "-f", bad.toString());

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains(field), "the message names " + field + ": " + r);
        assertTrue(r.err().contains("r1_zero"), "the message names the section: " + r);
        assertEquals(workflowsBefore, stack.workflowIds(), "no workflow may start for a bad spec");
        assertEquals(runsBefore, runIds(stack), "no catalog entry for a bad spec");
    }

    private static List<String> runIds(EmbeddedStack stack) {
        return stack.catalog().list().stream().map(RunRecord::runId).toList();
    }
}
