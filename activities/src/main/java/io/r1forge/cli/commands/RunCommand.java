package io.r1forge.cli.commands;

import io.r1forge.activities.run.RunLauncher;
import io.r1forge.activities.store.RunRecord;
import io.r1forge.stages.spec.PipelineSpec;
import io.r1forge.stages.spec.SpecException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code r1 run}: validates a pipeline spec, then records the run and starts its workflow. A spec error names the
 * field and exits 2 before anything is written or started.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Start a pipeline run on Temporal (workflow id = run id, task queue r1-control).",
            "The spec is validated first: an invalid spec exits 2 naming the field, and nothing is started."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:started (or, with --wait, COMPLETED)", "1:the run did not complete (with --wait)",
            "2:invalid spec or usage"})
public final class RunCommand extends SessionCommand {
    static final class Source {
        @Option(names = "--preset", paramLabel = "NAME", description = "a bundled spec: tiny, smoke (tiny cut to seconds a stage), small, qwen2.5-1.5b")
        String preset;

        @Option(names = {"-f", "--file"}, paramLabel = "SPEC", description = "a YAML or JSON pipeline spec")
        Path file;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a spec field, e.g. "
            + "r1_zero.max_steps=8 (repeatable)")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--name", paramLabel = "N", description = "run name (default: the spec's name); the run id is "
            + "<name>-<UTC time>-<4 hex>")
    String name;

    @Option(names = "--wait", description = "follow the run with a progress bar per stage on stderr until it ends")
    boolean waitForEnd;

    private PipelineSpec pipeline;

    @Override
    void checkArguments() {
        try {
            pipeline = load();
            RunLauncher.request("validation", pipeline, null, Map.of());
        } catch (SpecException e) {
            throw new Exit(INVALID, e.getMessage());
        }
    }

    @Override
    int run(ConnectionOptions.Session s, PrintWriter out, PrintWriter err) throws InterruptedException {
        RunRecord run = new RunLauncher(s.client(), s.store(), Clock.systemUTC()).start(pipeline, name);
        out.println(run.runId());
        out.flush();
        if (!waitForEnd) {
            err.println("started run " + run.runId() + " (spec " + run.specSha256().substring(0, 12)
                    + "); follow it with: r1 status " + run.runId());
            return 0;
        }
        return new RunFollower(s.client(), err).follow(run.runId());
    }

    private PipelineSpec load() {
        PipelineSpec base = source.file != null ? PipelineSpec.read(source.file) : PipelineSpec.preset(source.preset);
        return overrides.isEmpty() ? base : base.withOverrides(overrides);
    }
}
