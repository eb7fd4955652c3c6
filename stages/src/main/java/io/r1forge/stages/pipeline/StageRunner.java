package io.r1forge.stages.pipeline;

import ai.djl.ndarray.NDManager;
import io.r1forge.stages.eval.EvalReport;
import io.r1forge.stages.eval.EvalStage;
import io.r1forge.stages.generate.GenerationConfig;
import io.r1forge.stages.grpo.SampleFiles;
import io.r1forge.stages.io.Checkpoint.LoadedCheckpoint;
import io.r1forge.stages.rs.FilterConfig;
import io.r1forge.stages.rs.OutputFormat;
import io.r1forge.stages.rs.RejectionSampler;
import io.r1forge.stages.rs.RsSettings;
import io.r1forge.stages.sft.SftData;
import io.r1forge.stages.sft.SftExample;
import io.r1forge.stages.sft.SftSettings;
import io.r1forge.stages.sft.SftTrainer;
import io.r1forge.stages.spec.EvalConfig;
import io.r1forge.stages.spec.GrpoConfig;
import io.r1forge.stages.spec.RejectionSamplingConfig;
import io.r1forge.stages.spec.SftConfig;
import io.r1forge.stages.tasks.Problem;
import io.r1forge.stages.spec.TemplateKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The training / sampling stages on local files, each writing into its own output directory and resuming from
 * the training state a killed run left there. The {@link StageOutput} marker is written by the caller after the
 * stage's evaluation ({@link #evaluate}), so a stage counts as done only once everything is on disk.
 */
public final class StageRunner {
    public static final String KEPT = "kept.jsonl";
    public static final String DROPPED = "dropped.jsonl";
    /** Rejection sampling's counts ({@link #rsSummary}) beside its data set. */
    public static final String RS_SUMMARY = "summary.json";
    public static final String EVAL_DIR = "eval";
    /** Completions per forward/backward pass in SFT (bounds activation memory; gradients are accumulated). */
    public static final int SFT_MICRO_BATCH = 16;
    /** Sequences generated together during rejection sampling. */
    public static final int SAMPLING_BATCH = 64;

    private StageRunner() {}

    /** As {@link #grpo(String, GrpoConfig, TemplateKind, Path, List, Path, StepListener)} with Table 1's template. */
    public static Path grpo(String stage, GrpoConfig cfg, Path start, List<Problem> problems, Path out,
            StepListener listener) {
        return grpo(stage, cfg, TemplateKind.R1_ZERO, start, problems, out, listener);
    }

    /**
     * GRPO from {@code start} (π_ref = the start model) on {@code problems}, prompts rendered with {@code template};
     * returns {@code out/checkpoint}. Also writes {@code out/metrics.jsonl} (every step) and {@code
     * out/samples.jsonl} (the completions of the last {@link SampleFiles#DEFAULT_KEEP} steps).
     */
    public static Path grpo(String stage, GrpoConfig cfg, TemplateKind template, Path start, List<Problem> problems,
            Path out, StepListener listener) {
        try (NDManager m = NDManager.newBaseManager()) {
            TrainingLoop.run(stage, start, out, m, (LoadedCheckpoint loaded) -> {
                io.r1forge.stages.model.CausalLm reference = null;
                if (cfg.beta() > 0) {
                    try (LoadedCheckpoint first = Checkpoints.load(start, m)) {
                        reference = first.model().copyFrozen(m);
                    }
                }
                return new GrpoTrainable(loaded.model(), reference, loaded.tokenizer(), problems, cfg, template, out,
                        SampleFiles.DEFAULT_KEEP, m);
            }, cfg.checkpointEvery(), listener);
        }
        SampleFiles.collect(out, cfg.maxSteps(), SampleFiles.DEFAULT_KEEP);
        return out.resolve(TrainingLoop.CHECKPOINT);
    }

    /** SFT from {@code start} on {@code data}; returns {@code out/checkpoint}. */
    public static Path sft(String stage, SftConfig cfg, Path start, List<SftExample> data, Path out,
            StepListener listener) {
        return sft(stage, cfg, 0, start, data, out, listener);
    }

    /** As {@link #sft(String, SftConfig, Path, List, Path, StepListener)} with a step cap (0 = epochs decide). */
    public static Path sft(String stage, SftConfig cfg, int maxSteps, Path start, List<SftExample> data, Path out,
            StepListener listener) {
        SftSettings s = sftSettings(cfg, maxSteps);
        try (NDManager m = NDManager.newBaseManager()) {
            TrainingLoop.run(stage, start, out, m, (LoadedCheckpoint loaded) -> new SftTrainer(loaded.model(),
                    loaded.tokenizer(), data, s, cfg.seed(), m), cfg.checkpointEvery(), listener);
        }
        return out.resolve(TrainingLoop.CHECKPOINT);
    }

    /** The spec's SFT section as trainer settings (cosine to 10% of the peak, micro-batches of 16). */
    public static SftSettings sftSettings(SftConfig c, int maxSteps) {
        return new SftSettings(c.epochs(), c.batchSize(), Math.min(SFT_MICRO_BATCH, c.batchSize()), c.learningRate(),
                c.warmupSteps(), 0.1, c.maxGradNorm(), c.weightDecay(), c.maxSeqLength(), c.checkpointEvery(),
                c.stepCap(maxSteps));
    }

    /**
     * Rejection sampling from {@code source} on the first {@code numPrompts} of {@code problems}; writes
     * {@code out/kept.jsonl} and {@code out/dropped.jsonl}.
     */
    public static RejectionSampler.Result rejectionSampling(RejectionSamplingConfig c, OutputFormat format,
            Path source, List<Problem> problems, Path out) {
        return rejectionSampling(c, TemplateKind.R1_ZERO, format, source, problems, out);
    }

    /** As above, prompts rendered with {@code template} (the one {@code source} was trained with). */
    public static RejectionSampler.Result rejectionSampling(RejectionSamplingConfig c, TemplateKind template,
            OutputFormat format, Path source, List<Problem> problems, Path out) {
        RsSettings settings = new RsSettings(c.samplesPerPrompt(),
                new GenerationConfig(c.maxCompletionLength(), c.temperature(), 1.0, 0, List.of()),
                new FilterConfig(c.mixedLanguageThreshold(), c.maxParagraphChars(), c.maxPerPrompt(),
                        c.dropCodeBlocks(), c.dedupe()),
                c.nonReasoningFraction(), c.minReasoningExamples(), SAMPLING_BATCH, template::render, format);
        List<Problem> prompts = problems.subList(0, Math.min(c.numPrompts(), problems.size()));
        RejectionSampler.Result r;
        try (NDManager m = NDManager.newBaseManager(); LoadedCheckpoint loaded = Checkpoints.load(source, m)) {
            r = new RejectionSampler(loaded.model(), loaded.tokenizer(), settings)
                    .run(prompts, new RejectionSampler.Source(source.toString(), Checkpoints.sha256(source)), c.seed());
        }
        SftData.write(out.resolve(DROPPED), r.dropped());
        SftData.write(out.resolve(KEPT), r.kept());
        StageOutput.writeAtomically(out.resolve(RS_SUMMARY), json(rsSummary(r)));
        return r;
    }

    /** Counts of a rejection-sampling result, with {@code reference_fraction} and the warning when there is one. */
    public static Map<String, Object> rsSummary(RejectionSampler.Result r) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("kept", r.kept().size());
        m.put("dropped", r.dropped().size());
        m.put("references", r.references());
        m.put("reference_fraction", r.referenceFraction());
        r.warning().ifPresent(w -> m.put("warning", w));
        return m;
    }

    /** Evaluates {@code checkpoint} into {@code out/eval} with Table 1's template. */
    public static EvalReport evaluate(Path checkpoint, List<Problem> heldOut, EvalConfig cfg, Path out) {
        return evaluate(checkpoint, heldOut, cfg, TemplateKind.R1_ZERO, out);
    }

    /** Evaluates {@code checkpoint} into {@code out/eval}, prompts rendered with {@code template}. */
    public static EvalReport evaluate(Path checkpoint, List<Problem> heldOut, EvalConfig cfg, TemplateKind template,
            Path out) {
        return EvalStage.run(checkpoint, heldOut, cfg, template, cfg.seed(), out.resolve(EVAL_DIR));
    }

    /** Commits a stage: marker with its eval report (and extra summary fields) as JSON. */
    public static void commit(Path out, EvalReport report, Map<String, Object> extra) {
        java.util.Map<String, Object> summary = new java.util.LinkedHashMap<>(extra);
        summary.put("eval", report);
        StageOutput.commit(out, json(summary));
    }

    /** Pretty JSON of a summary map. */
    public static String json(Object summary) {
        try {
            return SftData.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(summary);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise stage summary", e);
        }
    }
}
