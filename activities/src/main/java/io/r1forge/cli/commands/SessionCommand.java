package io.r1forge.cli.commands;

import io.r1forge.activities.store.RunCatalog;
import io.r1forge.activities.store.RunRecord;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * The shape every orchestration verb shares: check the arguments, open one {@link ConnectionOptions.Session}, work
 * on it, close it. A verb ends early by throwing {@link Exit}: its message goes to stderr and its code is the exit
 * code, so "print why, exit 1" is written here once instead of in each verb.
 */
abstract class SessionCommand implements Callable<Integer> {
    /** Exit code when the run, artifact or workflow the verb needs is not there, or the verb was refused. */
    static final int FAILED = 1;
    /** Exit code of an invalid argument or spec. */
    static final int INVALID = 2;

    @Mixin ConnectionOptions connection;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        try {
            checkArguments();
            try (ConnectionOptions.Session s = connection.open()) {
                return run(s, spec.commandLine().getOut(), err);
            }
        } catch (Exit e) {
            err.println(e.getMessage());
            return e.code;
        }
    }

    /** What can be checked before connecting; throws {@link Exit} ({@link #INVALID}) so nothing is started. */
    void checkArguments() {}

    /** The verb's work on an open session; returns the exit code. */
    abstract int run(ConnectionOptions.Session s, PrintWriter out, PrintWriter err) throws Exception;

    /** The catalog's record of {@code runId}; {@link Exit} ({@link #FAILED}) with {@code ifMissing} if it has none. */
    static RunRecord catalogRun(RunCatalog catalog, String runId, String ifMissing) {
        return catalog.get(runId).orElseThrow(() -> new Exit(FAILED, ifMissing));
    }

    /** Ends a verb: {@code message} on stderr, {@code code} as the exit code. */
    static final class Exit extends RuntimeException {
        final int code;

        Exit(int code, String message) {
            super(message, null, false, false); // an expected outcome, reported by its message: no stack trace
            this.code = code;
        }
    }
}
