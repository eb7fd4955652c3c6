package io.r1forge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class R1CommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        CommandLine cli = R1Command.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void helpListsEveryRegisteredVerb() {
        assertEquals(0, execute("--help"));
        String help = out.toString();
        assertTrue(help.contains("Usage: r1"), help);
        for (String verb : R1Command.commandLine().getSubcommands().keySet()) {
            assertTrue(help.contains("\n  " + verb + " "), "verb '" + verb + "' missing from:\n" + help);
        }
        assertTrue(help.contains("bench"), help);
    }

    @Test
    void benchHelpWorks() {
        assertEquals(0, execute("bench", "--help"));
        assertTrue(out.toString().contains("Usage: r1 bench"), out.toString());
    }

    @Test
    void unknownVerbIsAUsageErrorWithExitCodeTwo() {
        assertEquals(2, execute("no-such-verb"));
        assertTrue(err.toString().contains("Unmatched argument"), err.toString());
        assertTrue(err.toString().contains("Usage: r1"), err.toString());
    }

    @Test
    void missingVerbIsAUsageError() {
        assertEquals(2, execute());
        assertTrue(err.toString().contains("Missing verb"), err.toString());
    }

    @Test
    void versionNamesTheProject() throws Exception {
        assertEquals(0, execute("--version"));
        assertTrue(out.toString().startsWith("R1 Forge "), out.toString());
    }
}
