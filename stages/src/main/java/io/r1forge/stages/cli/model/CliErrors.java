package io.r1forge.stages.cli.model;

import io.r1forge.stages.io.CheckpointException;
import io.r1forge.stages.io.SafetensorsException;
import io.r1forge.stages.model.ModelConfigException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

/** Runs a verb body, turning the errors a user can fix (bad checkpoint, bad argument) into a message and exit 2. */
final class CliErrors {
    static final int USER_ERROR = 2;

    private CliErrors() {}

    static int run(PrintWriter err, Callable<Integer> body) throws Exception {
        try {
            return body.call();
        } catch (CheckpointException | SafetensorsException | ModelConfigException | IllegalArgumentException
                | UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return USER_ERROR;
        }
    }
}
