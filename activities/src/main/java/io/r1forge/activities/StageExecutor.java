package io.r1forge.activities;

import io.r1forge.stages.distill.Distillation;
import io.r1forge.stages.eval.EvalReport;
import io.r1forge.stages.pipeline.Corpus;
import io.r1forge.stages.pipeline.PipelineContext;
import io.r1forge.stages.pipeline.StageRunner;
import io.r1forge.stages.pipeline.StepListener;
import io.r1forge.stages.pretrain.PretrainStage;
import io.r1forge.stages.rs.OutputFormat;
import io.r1forge.stages.rs.RejectionSampler;
import io.r1forge.stages.sft.ColdStartCurator;
import io.r1forge.stages.sft.SftData;
import io.r1forge.stages.sft.SftExample;
import io.r1forge.stages.spec.PipelineSpec;
import io.r1forge.stages.spec.RejectionSamplingConfig;
import io.r1forge.workflows.FailureTypes;
import io.r1forge.workflows.StageName;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs one pipeline stage on local files through the stages module — the same code as {@code r1 stage}, so a
 * stage behaves identically standalone and under Temporal. Three phases, so the activity can commit and heartbeat
 * between them: {@link #train} (resumable from {@code out/resume}), {@link #extraOutputs} (samples, data set) and
 * {@link #evaluate}.
 *
 * <p>Layout under {@code out}: {@code resume/} (TrainingLoop snapshots), {@code checkpoint/}, {@code samples/}
 * (R1-Zero), {@code dataset/} (rejection sampling), {@code eval/}: one directory per committed artifact.
 */
final class StageExecutor {
    /** A data artifact's examples file (R1-Zero samples, rejection-sampled data set). */
    static final String DATA_FILE = StageRunner.KEPT;

    private final StageConfig cfg;
    private final PipelineContext ctx;
    private final Path out;
    private final StepListener listener;
    private final Function<String, Path> studentResolver;
    private final Map<String, Double> sampleMetrics = new LinkedHashMap<>();

    /**
     * @param studentResolver the local checkpoint of a distillation student reference ({@code builtin:…},
     *                        {@code s3://…}); local directories and model presets are handled here
     */
    StageExecutor(StageConfig cfg, PipelineContext ctx, Path out, StepListener listener,
            Function<String, Path> studentResolver) {
        this.cfg = cfg;
        this.ctx = ctx;
        this.out = out;
        this.listener = listener;
        this.studentResolver = studentResolver;
    }

    /** Whether the stage trains a checkpoint (all but rejection sampling). */
    static boolean trains(StageName stage) {
        return stage != StageName.REJECTION_SAMPLING;
    }

    /** Trains from {@code model} (null for pre-training and distillation) on {@code data}; returns the checkpoint. */
    Path train(Path model, Path data) {
        PipelineSpec s = cfg.spec();
        String name = cfg.stage().name().toLowerCase().replace('_', '-');
        return switch (cfg.stage()) {
            case PRETRAIN_BASE -> PretrainStage.run(s.pretrain(), PretrainStage.settings(s.pretrain(), 0,
                    cfg.checkpointEvery()), Corpus.documents(s, ctx), ctx.heldOut(), s.eval(), s.template(), out, listener);
            case R1_ZERO -> StageRunner.grpo(name, s.r1Zero(), s.template(), model, ctx.train(), out, listener);
            case REASONING_RL -> StageRunner.grpo(name, s.reasoningRl(), s.template(), model, ctx.train(), out, listener);
            case FINAL_RL -> StageRunner.grpo(name, s.finalRl(), s.template(), model, ctx.train(), out, listener);
            case COLD_START_SFT -> StageRunner.sft(name, s.coldStart(), model, coldStartData(data), out, listener);
            case RS_SFT -> StageRunner.sft(name, s.rsSft(), model, sftData(data), out, listener);
            case DISTILL -> StageRunner.sft(name, s.distill().sft(), student(), sftData(data), out, listener);
            case REJECTION_SAMPLING -> throw new IllegalStateException("rejection sampling does not train");
        };
    }

    /**
     * Outputs besides the checkpoint and eval: R1-Zero's readable samples (strict rejection sampling of its
     * checkpoint, the cold-start source) and stage 4a's data set. Output key → directory.
     */
    Map<String, Path> extraOutputs(Path model) {
        Map<String, Path> extra = new LinkedHashMap<>();
        if (cfg.stage() == StageName.R1_ZERO) {
            extra.put(StageName.OUT_SAMPLES, sample(strict(cfg.spec().rejectionSampling()), OutputFormat.THINK_ANSWER,
                    model, out.resolve("samples")));
        } else if (cfg.stage() == StageName.REJECTION_SAMPLING) {
            extra.put(StageName.OUT_DATASET, sample(cfg.spec().rejectionSampling(), OutputFormat.COLD_START, model,
                    out.resolve("dataset")));
        }
        return extra;
    }

    /**
     * Counts of the last {@link #extraOutputs} sampling ({@code kept}, {@code dropped}, {@code reference_fraction}:
     * the share of reference solutions rejection sampling added when it kept too few); empty before.
     */
    Map<String, Double> sampleMetrics() {
        return Map.copyOf(sampleMetrics);
    }

    /** Evaluates {@code checkpoint} on the held-out problems into {@code out/eval}. */
    EvalReport evaluate(Path checkpoint) {
        return StageRunner.evaluate(checkpoint, ctx.heldOut(), cfg.spec().eval(), cfg.spec().template(), out);
    }

    Path evalDir() {
        return out.resolve(StageRunner.EVAL_DIR);
    }

    /** The gate's metrics of an eval report; NaN ("cannot score") is left out, which a gate reads as missing. */
    static Map<String, Double> evalMetrics(EvalReport r) {
        Map<String, Double> m = new LinkedHashMap<>();
        put(m, "pass@1", r.passAt1());
        put(m, "cons@k", r.consAtK());
        put(m, "greedy_pass@1", r.greedyPassAt1());
        put(m, "format_rate", r.formatRate());
        put(m, "language_consistency", r.languageConsistency());
        put(m, "mean_length", r.meanLength());
        put(m, "self_check_rate", r.selfCheckRate());
        return m;
    }

    static void put(Map<String, Double> m, String key, double value) {
        if (!Double.isNaN(value) && !Double.isInfinite(value)) {
            m.put(key, value);
        }
    }

    private Path sample(RejectionSamplingConfig c, OutputFormat format, Path model, Path dir) {
        createDirectories(dir);
        RejectionSampler.Result r = StageRunner.rejectionSampling(c, cfg.spec().template(), format, model, ctx.train(), dir);
        sampleMetrics.put("kept", (double) r.kept().size());
        sampleMetrics.put("dropped", (double) r.dropped().size());
        sampleMetrics.put("reference_fraction", r.referenceFraction());
        return dir;
    }

    static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    /** As the standalone pipeline ({@link RejectionSamplingConfig#strict}). */
    private static RejectionSamplingConfig strict(RejectionSamplingConfig c) {
        return c.strict();
    }

    /**
     * The SFT examples of the data input. An empty data set (rejection sampling kept nothing) cannot be trained on
     * and a retry would read the same artifact: {@code INVALID_INPUT}, so the run asks its operator at once.
     */
    private List<SftExample> sftData(Path data) {
        List<SftExample> examples = SftData.read(data.resolve(DATA_FILE));
        if (examples.isEmpty()) {
            throw ApplicationFailure.newNonRetryableFailure("input 'data' has no examples: " + cfg.stage()
                    + " cannot train on an empty data set (rejection sampling kept nothing)", FailureTypes.INVALID_INPUT);
        }
        return examples;
    }

    private List<SftExample> coldStartData(Path data) {
        List<SftExample> samples = data == null ? List.of() : SftData.read(data.resolve(DATA_FILE));
        return ColdStartCurator.curate(samples, ctx.train(), cfg.spec().rejectionSampling().numPrompts() / 2,
                cfg.spec().template()::render);
    }

    /**
     * The distillation student: a preset pre-trained on the run's corpus into {@code out/student-base} (see {@link
     * Distillation}), a local directory, or a stored base.
     */
    private Path student() {
        String student = cfg.spec().distill().student();
        if (Distillation.isPreset(student)) {
            return Distillation.studentBase(ctx, out.resolve("student-base"), listener);
        }
        return student.startsWith("builtin:") || student.startsWith("s3://")
                ? studentResolver.apply(student) : Path.of(student);
    }
}
