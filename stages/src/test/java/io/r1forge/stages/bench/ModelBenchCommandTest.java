package io.r1forge.stages.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** The benchmark as a command, on the smallest setting: it runs and prints a Java-only table (not a measurement). */
class ModelBenchCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int bench(String... args) {
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /**
     * One intra-op thread: with OpenMP, two threads on a loaded 2-core machine wait on each other at every op
     * (seen: 30x slower), and the figures are not the point here. Typically ~5 s.
     */
    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void tinyJavaOnlyRunPrintsARatioFreeTable() {
        Engine.getInstance();
        int threadsBefore = JniUtils.getNumThreads();
        int code = bench("model", "--configs", "tiny", "--rounds", "1", "--steps", "2", "--warmup", "0",
                "--threads", "1", "--matmul-size", "256",
                "--batch", "2", "--seq-len", "16", "--gen-batch", "2", "--prompt-len", "4", "--new-tokens", "3",
                "--vocab", "64", "--skip-python");
        assertEquals(0, code, err.toString());
        assertEquals(threadsBefore, JniUtils.getNumThreads(), "the process-wide thread count is restored");
        String table = out.toString();
        assertTrue(table.matches("(?s).*\\ntiny +0\\.\\d\\dM +train +[\\d,]+ +\\d+%\\n.*"), table);
        assertTrue(table.matches("(?s).*\\ntiny +0\\.\\d\\dM +generate +[\\d,]+\\n.*"), table);
        assertTrue(table.contains("fp32 matmul 256x256: Java (DJL)"), table);
        assertFalse(table.contains("Python"), table);
        assertTrue(err.toString().contains("bench: tiny:"), err.toString());
    }

    @Test
    void unknownConfigIsAUsageError() {
        assertEquals(2, bench("model", "--configs", "huge", "--skip-python"));
        assertTrue(err.toString().contains("unknown config 'huge'"), err.toString());
    }

    @Test
    void benchWithoutWhatIsAUsageError() {
        assertEquals(2, bench());
        assertTrue(err.toString().contains("model"), err.toString());
    }
}
