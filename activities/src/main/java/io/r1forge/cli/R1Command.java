package io.r1forge.cli;

import io.r1forge.stages.bench.BenchCommand;
import io.r1forge.stages.cli.model.ModelCommand;
import io.r1forge.stages.cli.reward.RewardCommand;
import io.r1forge.stages.cli.stage.StageCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code r1} root command: one entry point for every verb (DESIGN §4).
 *
 * <p>Stage-level verbs ({@code model}, {@code reward}, {@code bench}, later {@code stage}) are command classes in
 * the stages module, so they run on local files without Temporal or S3. The orchestration verbs ({@code up},
 * {@code run}, {@code runs}, {@code status}, {@code retry}, {@code skip}, {@code abort}, {@code cancel},
 * {@code lineage}, {@code verify}, {@code worker}) live in this module beside the worker and the artifact store:
 * add each class to {@link #VERBS} when it exists. A verb is listed only once it does something real.
 */
@Command(
        name = "r1",
        mixinStandardHelpOptions = true,
        versionProvider = R1Version.class,
        description = "R1 Forge: the DeepSeek-R1 training pipeline (GRPO, SFT, rejection sampling, distillation,"
                + " evaluation) on DJL.",
        synopsisSubcommandLabel = "VERB",
        commandListHeading = "%nVerbs:%n")
public final class R1Command implements Runnable {

    /** Subcommand classes, in the order {@code --help} lists them. */
    static final Class<?>[] VERBS = {
        // stage-level verbs (stages module, no Temporal)
        ModelCommand.class,
        StageCommand.class,
        RewardCommand.class,
        BenchCommand.class,
        // orchestration verbs (activities module)
        io.r1forge.cli.commands.UpCommand.class,
        io.r1forge.cli.commands.RunCommand.class,
        io.r1forge.cli.commands.RunsCommand.class,
        io.r1forge.cli.commands.StatusCommand.class,
        io.r1forge.cli.commands.RetryCommand.class,
        io.r1forge.cli.commands.SignalCommands.Skip.class,
        io.r1forge.cli.commands.SignalCommands.Abort.class,
        io.r1forge.cli.commands.SignalCommands.Cancel.class,
        io.r1forge.cli.commands.LineageCommand.class,
        io.r1forge.cli.commands.VerifyCommand.class,
        io.r1forge.cli.commands.WorkerCommand.class,
    };

    @Spec CommandSpec spec;

    /** A command line with every verb registered, ready to {@code execute}. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new R1Command());
        for (Class<?> verb : VERBS) {
            cli.addSubcommand(verb);
        }
        cli.setParameterExceptionHandler(R1Command::usageError);
        return cli;
    }

    /**
     * Picocli's message, its "did you mean" suggestions, then the usage of the command at fault (picocli's default
     * handler drops the usage whenever it has a suggestion); exit code 2.
     */
    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getColorScheme().errorText(ex.getMessage()));
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        cmd.usage(err, cmd.getColorScheme());
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** {@code r1} without a verb is a usage error (exit 2), not a silent success. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing verb: choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
