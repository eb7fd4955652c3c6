package io.r1forge.stages.pipeline;

import io.r1forge.stages.eval.EvalReport;
import io.r1forge.stages.pretrain.PretrainStage;
import io.r1forge.stages.rs.OutputFormat;
import io.r1forge.stages.rs.RejectionSampler;
import io.r1forge.stages.sft.ColdStartCurator;
import io.r1forge.stages.sft.SftData;
import io.r1forge.stages.sft.SftExample;
import io.r1forge.stages.spec.PipelineSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One stage on local files ({@code r1 stage NAME}): the start checkpoint and data are given explicitly instead of
 * coming from the previous stages. Training stages resume from the state a killed run left in {@code out}; a
 * committed {@code out} is not run again.
 *
 * @param start the checkpoint the stage starts from (the source of sampling for rejection sampling, the
 *     evaluated checkpoint for eval); null only for pretrain
 * @param data the SFT data (rs-sft, distill) or R1-Zero's samples (cold-start-sft, optional); may be null
 */
public record StandaloneStage(Stage stage, PipelineContext ctx, Path start, Path data, Path out) {
    /** Runs the stage; returns its eval report (null for rejection sampling, which produces data). */
    public EvalReport run(StepListener listener) {
        if (StageOutput.isComplete(out)) {
            throw new IllegalStateException(out + " already holds a complete " + stage.cliName()
                    + " output; choose another --out");
        }
        StageOutput.createDirectories(out);
        PipelineSpec s = ctx.spec();
        if (stage == Stage.REJECTION_SAMPLING) {
            RejectionSampler.Result r = StageRunner.rejectionSampling(s.rejectionSampling(), s.template(),
                    OutputFormat.COLD_START,
                    require(start, "--base"), ctx.train(), out);
            StageOutput.commit(out, StageRunner.json(StageRunner.rsSummary(r)));
            return null;
        }
        Path checkpoint = train(listener, s);
        EvalReport report = StageRunner.evaluate(checkpoint, ctx.heldOut(), s.eval(), s.template(), out);
        StageRunner.commit(out, report, Map.of("stage", stage.cliName()));
        return report;
    }

    private Path train(StepListener listener, PipelineSpec s) {
        return switch (stage) {
            case PRETRAIN -> PretrainStage.run(s.pretrain(), PretrainStage.settings(s.pretrain()),
                    Corpus.documents(s, ctx), ctx.heldOut(), s.eval(), s.template(), out, listener);
            case R1_ZERO -> StageRunner.grpo("r1-zero", s.r1Zero(), s.template(), require(start, "--base"), ctx.train(), out,
                    listener);
            case REASONING_RL -> StageRunner.grpo("reasoning-rl", s.reasoningRl(), s.template(), require(start, "--base"),
                    ctx.train(), out, listener);
            case FINAL_RL -> StageRunner.grpo("final-rl", s.finalRl(), s.template(), require(start, "--base"), ctx.train(), out,
                    listener);
            case COLD_START_SFT -> StageRunner.sft("cold-start-sft", s.coldStart(), require(start, "--base"),
                    ColdStartCurator.curate(data == null ? List.of() : SftData.read(data), ctx.train(),
                            s.rejectionSampling().numPrompts() / 2, s.template()::render), out, listener);
            case RS_SFT -> StageRunner.sft("rs-sft", s.rsSft(), require(start, "--base"), sftData(), out, listener);
            case DISTILL -> StageRunner.sft("distill", require(s.distill(), "distill section").sft(),
                    require(start, "--base"), sftData(), out, listener);
            case EVAL -> require(start, "--base");
            case REJECTION_SAMPLING -> throw new IllegalStateException("not a training stage");
        };
    }

    private List<SftExample> sftData() {
        return SftData.read(require(data, "--data"));
    }

    private <T> T require(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException("stage " + stage.cliName() + " needs " + what);
        }
        return value;
    }
}
