package io.r1forge.stages.pipeline;

import io.r1forge.stages.distill.Distillation;
import io.r1forge.stages.eval.EvalReport;
import io.r1forge.stages.pretrain.BaseModelCache;
import io.r1forge.stages.pretrain.PretrainStage;
import io.r1forge.stages.rs.OutputFormat;
import io.r1forge.stages.rs.RejectionSampler;
import io.r1forge.stages.sft.ColdStartCurator;
import io.r1forge.stages.sft.DataOrder;
import io.r1forge.stages.sft.SftData;
import io.r1forge.stages.sft.SftExample;
import io.r1forge.stages.spec.DistillConfig;
import io.r1forge.stages.spec.PipelineSpec;
import io.r1forge.stages.spec.RejectionSamplingConfig;
import io.r1forge.stages.spec.SftConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the whole pipeline (DESIGN §2) in DAG order on local files: base (built or reused), R1-Zero, cold-start
 * SFT (from the base), reasoning RL, rejection sampling, RS-SFT (from the <b>base</b>), final RL, and
 * distillation into a student next to the same student trained by GRPO directly (paper Table 6). Each stage
 * writes {@code out/<stage>/} and commits it with {@link StageOutput#MARKER}; a rerun skips committed stages and
 * resumes an unfinished one from its training state. The result is the paper-style table.
 */
public final class PipelineRunner {
    private final PipelineContext ctx;
    private final Path out;
    private final BaseModelCache cache;
    private final double stepsScale;
    private final StepListener listener;
    private final Consumer<String> progress;
    private final Map<String, EvalReport> rows = new LinkedHashMap<>();
    private final java.util.Set<String> notes = new java.util.LinkedHashSet<>();
    private double baseSeconds;
    /** The part of {@link #baseSeconds} spent building the student inside the stages' time span. */
    private double studentBaseSeconds;
    /** Windows of a stage's training curve in the report: 8 (windows of 4 steps for a 32-step stage). */
    private static final int CURVE_WINDOWS = 8;

    public PipelineRunner(PipelineSpec spec, Path out, BaseModelCache cache, double stepsScale, StepListener listener,
            Consumer<String> progress) {
        this.ctx = PipelineContext.of(StepsScale.apply(spec, stepsScale));
        this.out = out;
        this.cache = cache;
        this.stepsScale = stepsScale;
        this.listener = listener;
        this.progress = progress;
    }

    /** Runs every stage not yet committed; returns the table. */
    public PipelineReport run() {
        long t0 = System.nanoTime();
        PipelineSpec spec = ctx.spec();
        Path base = base();
        row("base", stage("base", d -> d, base, Map.of()));
        long t1 = System.nanoTime(); // stages 1–5 and their evaluations (DESIGN §3's budget): not the base's own
        Path r1Zero = trainedStage(Stage.R1_ZERO, "R1-Zero",
                d -> StageRunner.grpo("r1-zero", spec.r1Zero(), spec.template(), base, ctx.train(), d, listener));
        Path coldStart = trainedStage(Stage.COLD_START_SFT, "cold-start", d -> StageRunner.sft("cold-start-sft",
                spec.coldStart(), sftCap(spec.coldStart(), coldStartData(r1Zero, d)), base, coldStartData(r1Zero, d),
                d, listener));
        Path reasoning = trainedStage(Stage.REASONING_RL, "reasoning RL",
                d -> StageRunner.grpo("reasoning-rl", spec.reasoningRl(), spec.template(), coldStart, ctx.train(), d, listener));
        Path data = rejectionSampling(reasoning);
        List<SftExample> kept = SftData.read(data);
        Path rsSft = trainedStage(Stage.RS_SFT, "RS-SFT", d -> StageRunner.sft("rs-sft", spec.rsSft(),
                sftCap(spec.rsSft(), kept), base, kept, d, listener));
        trainedStage(Stage.FINAL_RL, "final (R1)",
                d -> StageRunner.grpo("final-rl", spec.finalRl(), spec.template(), rsSft, ctx.train(), d, listener));
        if (spec.distill() != null) {
            distill(spec.distill(), base, kept);
        }
        double stagesSeconds = (System.nanoTime() - t1) / 1e9 - studentBaseSeconds;
        PipelineReport report = new PipelineReport(spec.name(), rows, baseSeconds, stagesSeconds,
                (System.nanoTime() - t0) / 1e9, List.copyOf(notes), curves());
        StageOutput.writeAtomically(out.resolve("pipeline-report.md"), report.toMarkdown());
        StageOutput.writeAtomically(out.resolve("pipeline-report.json"), report.toJson());
        return report;
    }

    /** The base: a local checkpoint, or {@code builtin:tiny-base} built once into the cache and reused. */
    private Path base() {
        PipelineSpec spec = ctx.spec();
        if (!spec.baseModel().startsWith("builtin:")) {
            return Path.of(spec.baseModel());
        }
        boolean built = cache.find(PretrainStage.cacheKey(spec.pretrain())).isEmpty();
        long t = System.nanoTime();
        Path base = PretrainStage.cached(cache, spec.pretrain(), Corpus.documents(spec, ctx), ctx.heldOut(),
                spec.eval(), spec.template(), listener, progress);
        baseSeconds += built ? (System.nanoTime() - t) / 1e9 : 0;
        return base;
    }

    /** A stage that trains into {@code out/<stage>} and is then evaluated; skipped when already committed. */
    private Path trainedStage(Stage stage, String label, java.util.function.Function<Path, Path> body) {
        Path dir = out.resolve(stage.cliName());
        EvalReport r = stage(stage.cliName(), body, dir, Map.of());
        row(label, r);
        return dir.resolve(TrainingLoop.CHECKPOINT);
    }

    /**
     * Runs {@code body} on the stage directory unless it is committed, evaluates the checkpoint it returns, commits.
     * For "base" the body returns the given checkpoint and the directory is {@code out/base-eval}.
     */
    private EvalReport stage(String name, java.util.function.Function<Path, Path> body, Path dirOrCheckpoint,
            Map<String, Object> extra) {
        Path dir = name.equals("base") ? out.resolve("base-eval") : dirOrCheckpoint;
        if (StageOutput.isComplete(dir)) {
            progress.accept(name + ": already complete in " + dir);
            return readReport(dir);
        }
        StageOutput.createDirectories(dir);
        progress.accept(name + ": starting in " + dir);
        long t = System.nanoTime();
        Path checkpoint = body.apply(dirOrCheckpoint);
        EvalReport r = StageRunner.evaluate(checkpoint, ctx.heldOut(), ctx.spec().eval(), ctx.spec().template(), dir);
        Map<String, Object> summary = new LinkedHashMap<>(extra);
        summary.put("seconds", (System.nanoTime() - t) / 1e9);
        StageRunner.commit(dir, r, summary);
        progress.accept(name + ": done in " + String.format("%.0f s", (System.nanoTime() - t) / 1e9) + " — "
                + summaryLine(r));
        return r;
    }

    /** Cold-start data: strict rejection sampling of R1-Zero's outputs, reformatted; topped up with references. */
    private List<SftExample> coldStartData(Path r1Zero, Path dir) {
        Path file = dir.resolve("cold-start-data.jsonl");
        if (Files.isRegularFile(file)) {
            List<SftExample> data = SftData.read(file);
            referenceNote("cold-start data", data);
            return data;
        }
        RejectionSamplingConfig c = ctx.spec().rejectionSampling();
        RejectionSamplingConfig strict = c.strict();
        Path samples = dir.resolve("r1-zero-samples");
        StageOutput.createDirectories(samples);
        RejectionSampler.Result r = StageRunner.rejectionSampling(strict, ctx.spec().template(), OutputFormat.THINK_ANSWER, r1Zero,
                ctx.train(), samples);
        List<SftExample> data = ColdStartCurator.curate(r.kept(), ctx.train(), c.numPrompts() / 2,
                ctx.spec().template()::render);
        progress.accept("cold-start data: " + r.kept().size() + " readable R1-Zero samples, " + data.size()
                + " examples after topping up with reference solutions");
        SftData.write(file, data);
        referenceNote("cold-start data", data);
        return data;
    }

    /**
     * Stage 4a: a data set, not a checkpoint; committed with its counts. A reference top-up (see {@code
     * rejection_sampling.min_reasoning_examples}) becomes a note of the pipeline table.
     */
    private Path rejectionSampling(Path reasoning) {
        Path dir = out.resolve(Stage.REJECTION_SAMPLING.cliName());
        if (!StageOutput.isComplete(dir)) {
            StageOutput.createDirectories(dir);
            progress.accept("rejection-sampling: starting in " + dir);
            RejectionSampler.Result r = StageRunner.rejectionSampling(ctx.spec().rejectionSampling(),
                    ctx.spec().template(), OutputFormat.COLD_START, reasoning, ctx.train(), dir);
            StageOutput.commit(dir, StageRunner.json(StageRunner.rsSummary(r)));
            progress.accept("rejection-sampling: kept " + r.kept().size() + ", dropped " + r.dropped().size()
                    + r.warning().map(w -> ", WARNING: " + w).orElse(""));
        }
        referenceNote("RS-SFT / distillation data", SftData.read(dir.resolve(StageRunner.KEPT)));
        return dir.resolve(StageRunner.KEPT);
    }

    /** Adds a table note when a data set holds reference solutions ({@code source} or cold-start source). */
    private void referenceNote(String what, List<SftExample> data) {
        long refs = data.stream().filter(e -> "reference".equals(e.meta().get("source"))
                || "reference".equals(e.meta().get("cold_start_source"))).count();
        if (refs > 0) {
            notes.add(String.format(java.util.Locale.ROOT, "%s: %d of %d examples (%.1f%%) are reference solutions "
                    + "from the task generator, not model samples.", what, refs, data.size(), 100.0 * refs / data.size()));
        }
    }

    /**
     * Stage 5 and its control (paper Table 6): the student distilled by SFT vs the same student trained by GRPO
     * for as many steps. A preset student's pre-training counts as base time (it is cached like the base).
     */
    private void distill(DistillConfig d, Path base, List<SftExample> kept) {
        Path student = student(d.student(), base);
        int steps = Distillation.steps(d, kept, sftCap(d.sft(), kept));
        trainedStage(Stage.DISTILL, "distilled student",
                x -> Distillation.distill(ctx.spec(), student, kept, steps, x, listener));
        EvalReport r = stage("student-grpo", x -> Distillation.studentGrpo(ctx, student, steps, x, listener),
                out.resolve("student-grpo"), Map.of("steps", steps));
        row("student + GRPO", r);
    }

    /** A preset student's cached base, {@code builtin:…} (the run's base), or a local directory. */
    private Path student(String student, Path base) {
        if (Distillation.isPreset(student)) {
            boolean built = cache.find(PretrainStage.cacheKey(Distillation.studentPretrain(ctx.spec()))).isEmpty();
            long t = System.nanoTime();
            Path p = Distillation.cachedStudentBase(ctx, cache, listener, progress);
            studentBaseSeconds = built ? (System.nanoTime() - t) / 1e9 : 0;
            baseSeconds += studentBaseSeconds;
            return p;
        }
        return student.startsWith("builtin:") ? base : Path.of(student);
    }

    /** The GRPO stages' curves, in DAG order, for those that logged metrics. */
    private List<TrainingCurve> curves() {
        List<TrainingCurve> curves = new java.util.ArrayList<>();
        for (String stage : List.of(Stage.R1_ZERO.cliName(), Stage.REASONING_RL.cliName(), Stage.FINAL_RL.cliName(),
                "student-grpo")) {
            TrainingCurve curve = TrainingCurve.read(stage, out.resolve(stage), CURVE_WINDOWS);
            if (!curve.windows().isEmpty()) {
                curves.add(curve);
            }
        }
        return curves;
    }

    private int sftCap(SftConfig c, List<SftExample> data) {
        return StepsScale.sftCap(new DataOrder(Math.max(1, data.size()), 0).stepsFor(c.epochs(), c.batchSize()),
                stepsScale);
    }

    private void row(String label, EvalReport r) {
        rows.put(label, r);
    }

    private static EvalReport readReport(Path dir) {
        try {
            return EvalReport.fromJson(Files.readString(dir.resolve(StageRunner.EVAL_DIR).resolve("report.json")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the eval report of " + dir, e);
        }
    }

    static String summaryLine(EvalReport r) {
        return String.format(java.util.Locale.ROOT, "pass@1 %.3f, cons@%d %.3f, greedy %.3f, format %.3f",
                r.passAt1(), r.k(), r.consAtK(), r.greedyPassAt1(), r.formatRate());
    }
}
