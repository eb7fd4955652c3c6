package io.r1forge.cli;

/** Entry point of {@code ./r1}: runs the root command and exits with its code (2 on usage errors). */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(R1Command.commandLine().execute(args));
    }
}
