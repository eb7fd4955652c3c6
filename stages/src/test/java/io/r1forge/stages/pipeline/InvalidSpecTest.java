package io.r1forge.stages.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.r1forge.stages.cli.stage.StageCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A bad spec is rejected before any work: exit code 2, the field named, no output directory. */
class InvalidSpecTest {
    private static int run(StringWriter err, String... args) {
        CommandLine cli = new CommandLine(new StageCommand());
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        return cli.execute(args);
    }

    @Test
    void unknownFieldIsNamed(@TempDir Path tmp) {
        Path out = tmp.resolve("run");
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "pipeline", "--preset", "tiny", "--out", out.toString(),
                "--set", "r1_zero.lerning_rate=1e-4"));
        assertTrue(err.toString().contains("lerning_rate"), err.toString());
        assertFalse(Files.exists(out));
    }

    @Test
    void invalidValueIsNamed(@TempDir Path tmp) {
        Path out = tmp.resolve("run");
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "r1-zero", "--preset", "tiny", "--out", out.toString(),
                "--set", "r1_zero.num_generations=0"));
        assertTrue(err.toString().contains("num_generations"), err.toString());
        assertFalse(Files.exists(out));
    }

    @Test
    void badConfigFileIsNamed(@TempDir Path tmp) throws Exception {
        Path config = tmp.resolve("spec.yaml");
        Files.writeString(config, "name: x\nbase_model: builtin:tiny-base\n");
        Path out = tmp.resolve("run");
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "pipeline", "--config", config.toString(), "--out", out.toString()));
        assertTrue(err.toString().contains("task"), err.toString());
        assertFalse(Files.exists(out));
    }

    @Test
    void unknownStageIsRejected(@TempDir Path tmp) {
        Path out = tmp.resolve("run");
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "warm-up", "--out", out.toString()));
        assertTrue(err.toString().contains("cold-start-sft"), err.toString());
        assertFalse(Files.exists(out));
    }
}
