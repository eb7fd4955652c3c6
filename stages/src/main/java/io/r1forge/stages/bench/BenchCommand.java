package io.r1forge.stages.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code r1 bench}: performance measurements that print figures (they are commands, not tests). */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measure throughput of the ML core against the PyTorch reference.",
        synopsisSubcommandLabel = "WHAT",
        subcommands = {ModelBenchCommand.class})
public final class BenchCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing what to benchmark: choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
