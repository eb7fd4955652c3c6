package io.r1forge.stages.cli.model;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code r1 model}: create, inspect, sample from and score Hugging Face-layout checkpoints on local files. */
@Command(
        name = "model",
        mixinStandardHelpOptions = true,
        description = "Create, inspect, sample from and score a checkpoint (Hugging Face layout).",
        subcommands = {InitCommand.class, InfoCommand.class, GenerateCommand.class, ScoreCommand.class},
        synopsisSubcommandLabel = "COMMAND")
public final class ModelCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: init, info, generate or score");
    }
}
