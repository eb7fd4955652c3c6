package io.r1forge.stages.cli.stage;

import io.r1forge.stages.eval.EvalReport;
import io.r1forge.stages.pipeline.PipelineContext;
import io.r1forge.stages.pipeline.PipelineReport;
import io.r1forge.stages.pipeline.PipelineRunner;
import io.r1forge.stages.pipeline.Stage;
import io.r1forge.stages.pipeline.StandaloneStage;
import io.r1forge.stages.pipeline.StepListener;
import io.r1forge.stages.pretrain.BaseModelCache;
import io.r1forge.stages.spec.PipelineSpec;
import io.r1forge.stages.spec.SpecException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code r1 stage NAME}: one pipeline stage, or the whole pipeline, on local files without Temporal. The spec is
 * parsed and validated before anything is written: a bad spec exits with code 2 naming the field and leaves no
 * output directory.
 */
@Command(name = "stage", mixinStandardHelpOptions = true,
        description = {"Run one stage of the R1 pipeline standalone on local files, or all of them in DAG order.",
            "NAME: pipeline, pretrain, r1-zero, cold-start-sft, reasoning-rl, rejection-sampling, rs-sft, final-rl,"
                    + " distill, eval.",
            "A stage resumes from the training state in --out if a previous run was interrupted."})
public final class StageCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "pipeline or a stage name")
    String name;

    @Option(names = "--config", paramLabel = "FILE", description = "pipeline spec (YAML or JSON)")
    Path config;

    @Option(names = "--preset", paramLabel = "NAME", description = "bundled spec: tiny, smoke, small, qwen2.5-1.5b (default tiny "
            + "when --config is absent)")
    String preset;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default runs/<spec name>"
            + " for the pipeline)")
    Path out;

    @Option(names = "--base", paramLabel = "DIR", description = "the checkpoint the stage starts from")
    Path base;

    @Option(names = "--data", paramLabel = "FILE", description = "SFT data (rs-sft, distill) or R1-Zero samples "
            + "(cold-start-sft), JSONL")
    Path data;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a spec field, e.g. "
            + "r1_zero.max_steps=8 (repeatable)")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--steps-scale", paramLabel = "S", defaultValue = "1.0",
            description = "multiply every stage's steps by S (pipeline only; default ${DEFAULT-VALUE})")
    double stepsScale;

    @Option(names = "--base-cache", paramLabel = "DIR", description = "where built bases are kept "
            + "(default ~/.cache/r1forge/bases or $R1FORGE_BASE_CACHE)")
    Path baseCache;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PipelineSpec pipelineSpec;
        try {
            pipelineSpec = loadSpec();
        } catch (SpecException e) {
            err.println(e.getMessage());
            return 2;
        }
        if (!(stepsScale > 0)) {
            err.println("--steps-scale must be > 0, was " + stepsScale);
            return 2;
        }
        StepListener listener = progressListener(o);
        if (name.equals("pipeline")) {
            Path dir = out != null ? out : Path.of("runs", pipelineSpec.name());
            BaseModelCache cache = baseCache != null ? new BaseModelCache(baseCache) : BaseModelCache.defaultCache();
            PipelineReport report = new PipelineRunner(pipelineSpec, dir, cache, stepsScale, listener, line -> {
                o.println("== " + line);
                o.flush();
            }).run();
            o.println(report.toMarkdown());
            o.println("written: " + dir.resolve("pipeline-report.md") + ", " + dir.resolve("pipeline-report.json"));
            return 0;
        }
        Stage stage;
        try {
            stage = Stage.fromCliName(name);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        if (out == null) {
            err.println("--out is required for a single stage");
            return 2;
        }
        EvalReport r = new StandaloneStage(stage, PipelineContext.of(pipelineSpec), base, data, out).run(listener);
        o.println(r == null ? "data written to " + out : r.toMarkdown());
        return 0;
    }

    /** --config or --preset (tiny by default), then --set overrides; validated (throws SpecException). */
    PipelineSpec loadSpec() {
        if (config != null && preset != null) {
            throw new SpecException(List.of("give either --config or --preset, not both"));
        }
        PipelineSpec s = config != null ? PipelineSpec.read(config) : PipelineSpec.preset(preset != null ? preset : "tiny");
        return overrides.isEmpty() ? s : s.withOverrides(overrides);
    }

    /** One line per step: RL every step, SFT / pre-training every 10 steps and the last. */
    static StepListener progressListener(PrintWriter o) {
        return (stage, step, total, metrics) -> {
            boolean rl = metrics.containsKey("reward");
            if (rl || step % 10 == 0 || step == total || metrics.containsKey("greedy_pass@1")) {
                StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s %d/%d", stage, step, total));
                metrics.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s=%.4g", k, v)));
                o.println(sb);
                o.flush();
            }
        };
    }

    /** Standalone entry point ({@code java -cp … io.r1forge.stages.cli.stage.StageCommand pipeline …}). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new StageCommand()).execute(args));
    }
}
