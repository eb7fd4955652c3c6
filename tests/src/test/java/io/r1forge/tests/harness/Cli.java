package io.r1forge.tests.harness;

import io.r1forge.activities.store.S3Config;
import io.r1forge.cli.R1Command;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs an {@code r1} verb in the test JVM, as {@code ./r1} would (same root command, same exit codes), with its
 * output captured. The stack's S3 endpoint is passed the way production passes it, through {@link S3Config}'s
 * system properties ({@code r1.s3.endpoint}, ...), and the Temporal target through {@code --temporal}.
 */
public final class Cli {
    private Cli() {}

    /** Exit code and captured output of one command. */
    public record Result(int exitCode, String out, String err) {
        public String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /** {@code r1 <args>} with the stack's S3 settings. */
    public static Result run(EmbeddedStack stack, String... args) {
        useStackS3(stack);
        CommandLine cli = R1Command.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** {@code r1 <verb> --temporal <stack> <args>}: a verb that talks to Temporal. */
    public static Result temporal(EmbeddedStack stack, String verb, String... args) {
        List<String> all = new ArrayList<>(List.of(verb, "--temporal", stack.temporalTarget()));
        all.addAll(List.of(args));
        return run(stack, all.toArray(String[]::new));
    }

    private static void useStackS3(EmbeddedStack stack) {
        stack.s3Env().forEach((name, value) -> System.setProperty(name.toLowerCase().replace('_', '.'), value));
    }
}
