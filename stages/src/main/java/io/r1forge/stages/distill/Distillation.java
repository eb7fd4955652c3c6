package io.r1forge.stages.distill;

import io.r1forge.stages.pipeline.Corpus;
import io.r1forge.stages.pipeline.PipelineContext;
import io.r1forge.stages.pipeline.StageOutput;
import io.r1forge.stages.pipeline.StageRunner;
import io.r1forge.stages.pipeline.StepListener;
import io.r1forge.stages.pipeline.StepsScale;
import io.r1forge.stages.pipeline.TrainingLoop;
import io.r1forge.stages.pretrain.BaseModelCache;
import io.r1forge.stages.pretrain.PretrainStage;
import io.r1forge.stages.sft.DataOrder;
import io.r1forge.stages.sft.SftExample;
import io.r1forge.stages.spec.DistillConfig;
import io.r1forge.stages.spec.PipelineSpec;
import io.r1forge.stages.spec.PretrainConfig;
import io.r1forge.stages.spec.SpecValidator;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Stage 5 (paper §2.4, Table 6): the student is distilled by SFT on stage 4a's data, and its control is the same
 * student trained by GRPO directly (the R1-Zero recipe) for the same number of steps. A student named by a model
 * preset ({@code student}, {@code tiny}, {@code small}) is first pre-trained on the run's own corpus — the same
 * documents, seed and schedule as the base, with the student's size and {@code distill.pretrain_steps} — as its own
 * cached base, the stand-in for the paper's pre-trained small Qwen bases.
 */
public final class Distillation {
    private Distillation() {}

    /** Whether {@code student} names a model preset (pre-trained here) rather than a checkpoint. */
    public static boolean isPreset(String student) {
        return SpecValidator.MODEL_PRESETS.contains(student);
    }

    /** The pre-training of a preset student: the run's {@code pretrain} section with the student's size and steps. */
    public static PretrainConfig studentPretrain(PipelineSpec spec) {
        DistillConfig d = spec.distill();
        PretrainConfig p = spec.pretrain();
        int steps = d.pretrainSteps() != null ? d.pretrainSteps() : p.steps();
        return new PretrainConfig(d.student(), p.corpusDocuments(), steps, p.learningRate(), p.batchSize(),
                p.seqLength(), Math.min(p.warmupSteps(), steps - 1), p.seed(), p.corpus());
    }

    /** The preset student's base from the cache, pre-trained into it first if absent. */
    public static Path cachedStudentBase(PipelineContext ctx, BaseModelCache cache, StepListener listener,
            Consumer<String> progress) {
        PipelineSpec spec = ctx.spec();
        PretrainConfig c = studentPretrain(spec);
        return PretrainStage.cached(cache, c, Corpus.documents(c, heldOutKeys(ctx)), ctx.heldOut(), spec.eval(),
                spec.template(), listener, progress);
    }

    /**
     * The preset student's base pre-trained into {@code dir} (resuming what a stopped run left there), for callers
     * without a base cache; a committed {@code dir} is reused.
     */
    public static Path studentBase(PipelineContext ctx, Path dir, StepListener listener) {
        if (!StageOutput.isComplete(dir)) {
            PretrainConfig c = studentPretrain(ctx.spec());
            PretrainStage.run(c, PretrainStage.settings(c), Corpus.documents(c, heldOutKeys(ctx)), ctx.heldOut(),
                    ctx.spec().eval(), ctx.spec().template(), dir, listener);
            StageOutput.commit(dir, "{\"student\": \"" + c.modelPreset() + "\"}");
        }
        return dir.resolve(TrainingLoop.CHECKPOINT);
    }

    /** SFT steps of distillation: the SFT section's epochs over {@code data}, capped by {@code cap} and {@code max_steps}. */
    public static int steps(DistillConfig d, List<SftExample> data, int cap) {
        int byEpochs = (int) new DataOrder(Math.max(1, data.size()), 0).stepsFor(d.sft().epochs(),
                d.sft().batchSize());
        int capped = d.sft().stepCap(cap);
        return capped > 0 ? (int) Math.min(capped, byEpochs) : byEpochs;
    }

    /** Stage 5: SFT of {@code student} on the rejection-sampled data for {@code steps} steps. */
    public static Path distill(PipelineSpec spec, Path student, List<SftExample> data, int steps, Path out,
            StepListener listener) {
        return StageRunner.sft("distill", spec.distill().sft(), steps, student, data, out, listener);
    }

    /** The control: GRPO of {@code student} with R1-Zero's settings for {@code steps} steps. */
    public static Path studentGrpo(PipelineContext ctx, Path student, int steps, Path out, StepListener listener) {
        PipelineSpec spec = ctx.spec();
        return StageRunner.grpo("student-grpo", StepsScale.withMaxSteps(spec.r1Zero(), steps), spec.template(),
                student, ctx.train(), out, listener);
    }

    private static java.util.Set<String> heldOutKeys(PipelineContext ctx) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        ctx.heldOut().forEach(p -> keys.add(p.key()));
        return keys;
    }
}
