package io.r1forge.stages.eval;

import ai.djl.ndarray.NDManager;
import io.r1forge.stages.io.Checkpoint.LoadedCheckpoint;
import io.r1forge.stages.model.CausalLm;
import io.r1forge.stages.pipeline.Checkpoints;
import io.r1forge.stages.pipeline.StageOutput;
import io.r1forge.stages.sft.SftData;
import io.r1forge.stages.spec.EvalConfig;
import io.r1forge.stages.tasks.Problem;
import io.r1forge.stages.spec.TemplateKind;
import io.r1forge.stages.tokenizer.TextTokenizer;
import java.nio.file.Path;
import java.util.List;

/**
 * The evaluation stage: loads a checkpoint, evaluates it on the held-out problems, and writes
 * {@code report.json}, {@code report.md} and {@code samples.jsonl} to the output directory (the report last).
 */
public final class EvalStage {
    public static final String REPORT_JSON = "report.json";
    public static final String REPORT_MD = "report.md";
    public static final String SAMPLES = "samples.jsonl";
    /** Sequences generated together: bounded so the KV cache of the tiny model stays small. */
    public static final int BATCH_SIZE = 64;

    private EvalStage() {}

    /** Evaluates the checkpoint in {@code checkpointDir}; writes the files into {@code out}. */
    public static EvalReport run(Path checkpointDir, List<Problem> problems, EvalConfig config, long seed, Path out) {
        return run(checkpointDir, problems, config, TemplateKind.R1_ZERO, seed, out);
    }

    /** As above, prompts rendered with {@code template}. */
    public static EvalReport run(Path checkpointDir, List<Problem> problems, EvalConfig config, TemplateKind template,
            long seed, Path out) {
        try (NDManager manager = NDManager.newBaseManager();
                LoadedCheckpoint loaded = Checkpoints.load(checkpointDir, manager)) {
            return run(loaded.model(), loaded.tokenizer(), checkpointDir.toString(), problems, config, template, seed,
                    out);
        }
    }

    /** Evaluates a model in memory; writes the files into {@code out}. */
    public static EvalReport run(CausalLm model, TextTokenizer tokenizer, String label, List<Problem> problems,
            EvalConfig config, TemplateKind template, long seed, Path out) {
        return write(new Evaluator(model, tokenizer, settings(config, template)).evaluate(label, problems, seed), out);
    }

    private static EvalReport write(Evaluator.Result r, Path out) {
        StageOutput.createDirectories(out);
        SftData.write(out.resolve(SAMPLES), r.samples());
        StageOutput.writeAtomically(out.resolve(REPORT_MD), r.report().toMarkdown());
        StageOutput.writeAtomically(out.resolve(REPORT_JSON), r.report().toJson());
        return r.report();
    }

    /** The spec's eval section as evaluator settings: k samples at its temperature / top-p, plus greedy. */
    public static EvalSettings settings(EvalConfig c) {
        return settings(c, TemplateKind.R1_ZERO);
    }

    /** As above with the run's prompt template. */
    public static EvalSettings settings(EvalConfig c, TemplateKind template) {
        return new EvalSettings(c.samplesPerProblem(), c.temperature(), c.topP(), c.maxCompletionLength(), true,
                BATCH_SIZE, template::render);
    }
}
