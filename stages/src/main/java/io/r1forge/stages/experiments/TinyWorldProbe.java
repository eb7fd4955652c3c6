package io.r1forge.stages.experiments;

import io.r1forge.stages.eval.EvalReport;
import io.r1forge.stages.pipeline.Corpus;
import io.r1forge.stages.pipeline.PipelineContext;
import io.r1forge.stages.pipeline.StageRunner;
import io.r1forge.stages.pipeline.StepListener;
import io.r1forge.stages.pipeline.StepsScale;
import io.r1forge.stages.pretrain.PretrainStage;
import io.r1forge.stages.pretrain.PretrainSettings;
import io.r1forge.stages.pretrain.corpus.CorpusConfig;
import io.r1forge.stages.pretrain.corpus.CorpusDocument;
import io.r1forge.stages.pretrain.corpus.CorpusGenerator;
import io.r1forge.stages.pretrain.corpus.CorpusStats;
import io.r1forge.stages.spec.EvalConfig;
import io.r1forge.stages.spec.GrpoConfig;
import io.r1forge.stages.spec.PipelineSpec;
import io.r1forge.stages.spec.PretrainConfig;
import ai.djl.ndarray.NDManager;
import io.r1forge.stages.eval.EvalSettings;
import io.r1forge.stages.eval.Evaluator;
import io.r1forge.stages.grpo.GrpoRewards;
import io.r1forge.stages.grpo.GrpoTrainer;
import io.r1forge.stages.rewards.RewardRegistry;
import io.r1forge.stages.rewards.WeightedReward;
import io.r1forge.stages.train.LrSchedule;
import io.r1forge.stages.io.Checkpoint.LoadedCheckpoint;
import io.r1forge.stages.pipeline.Checkpoints;
import io.r1forge.stages.tasks.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A command-line probe of the tiny world (DESIGN §3), for sizing the {@code tiny} preset: it runs one piece of the
 * pipeline from the preset with a few overrides and prints per-step metrics with wall times, so a base recipe or a
 * GRPO budget can be measured without a whole pipeline run.
 *
 * <pre>
 *   stats [n]                                 corpus rates and token counts of the preset's corpus
 *   base OUT STEPS BATCH SEQ LR EVAL_EVERY    pre-train the preset's model on the preset's corpus
 *   grpo START OUT STEPS [stage]              GRPO with the preset's r1_zero (or reasoning_rl, final_rl) config
 *   eval CHECKPOINT OUT [N [K]]               held-out evaluation (N problems, K samples each; preset's defaults)
 * </pre>
 *
 * Run with {@code java -cp <stages classes + deps> -Dai.djl.offline=true io.r1forge.stages.experiments.TinyWorldProbe}.
 * A CLI tool: it prints to standard output.
 */
public final class TinyWorldProbe {
    private TinyWorldProbe() {}

    public static void main(String[] args) {
        PipelineSpec spec = PipelineSpec.preset(System.getProperty("r1.preset", "tiny"));
        switch (args[0]) {
            case "stats" -> stats(spec.pretrain(), args.length > 1 ? Integer.parseInt(args[1]) : 2000);
            case "base" -> base(spec, Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Double.parseDouble(args[5]), Integer.parseInt(args[6]));
            case "grpo" -> grpo(spec, Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]),
                    args.length > 4 ? args[4] : "r1_zero");
            case "eval" -> eval(spec, Path.of(args[1]), Path.of(args[2]),
                    args.length > 3 ? Integer.parseInt(args[3]) : spec.eval().numProblems(),
                    args.length > 4 ? Integer.parseInt(args[4]) : spec.eval().samplesPerProblem());
            case "grpo-short" -> grpoShort(spec, Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]));
            case "eval-short" -> evalShort(spec, Path.of(args[1]), Integer.parseInt(args[2]),
                    args.length > 3 ? Integer.parseInt(args[3]) : 1);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static void stats(PretrainConfig c, int n) {
        CorpusGenerator g = new CorpusGenerator(c.corpus());
        List<CorpusDocument> docs = new ArrayList<>();
        long chars = 0;
        long completionChars = 0;
        for (int i = 0; i < n; i++) {
            CorpusDocument d = g.document(c.seed(), i);
            docs.add(d);
            chars += d.text().length();
            completionChars += d.completion().length();
        }
        CorpusStats s = CorpusGenerator.stats(docs);
        System.out.println(s);
        System.out.printf(Locale.ROOT, "mean chars/doc %.1f, completion %.1f%n", chars / (double) n,
                completionChars / (double) n);
        for (int i = 0; i < 6; i++) {
            System.out.println(docs.get(i).text());
        }
    }

    private static void base(PipelineSpec spec, Path out, int steps, int batch, int seq, double lr, int evalEvery) {
        PretrainConfig p = spec.pretrain();
        PretrainConfig c = new PretrainConfig(p.modelPreset(), p.corpusDocuments(), steps, lr, batch, seq,
                p.warmupSteps(), p.seed(), p.corpus());
        PretrainSettings s = PretrainStage.settings(c, evalEvery, Math.max(1, evalEvery / 2));
        PipelineContext ctx = PipelineContext.of(spec);
        PretrainStage.run(c, s, Corpus.documents(spec, ctx), ctx.heldOut(), spec.eval(), out, printer((long) batch * seq));
    }

    private static void grpo(PipelineSpec spec, Path start, Path out, int steps, String stage) {
        GrpoConfig g = switch (stage) {
            case "reasoning_rl" -> spec.reasoningRl();
            case "final_rl" -> spec.finalRl();
            default -> spec.r1Zero();
        };
        PipelineContext ctx = PipelineContext.of(spec);
        StageRunner.grpo(stage, StepsScale.withMaxSteps(g, steps), start, ctx.train(), out, printer(0));
    }

    private static void eval(PipelineSpec spec, Path checkpoint, Path out, int n, int k) {
        EvalConfig e = spec.eval();
        EvalConfig c = new EvalConfig(n, k, e.temperature(), e.topP(), e.maxCompletionLength(), e.seed());
        PipelineSpec sized = new PipelineSpec(spec.name(), spec.baseModel(), spec.task(), spec.seed(), spec.pretrain(),
                spec.r1Zero(), spec.coldStart(), spec.reasoningRl(), spec.rejectionSampling(), spec.rsSft(),
                spec.finalRl(), spec.distill(), c, spec.gates());
        EvalReport r = StageRunner.evaluate(checkpoint, PipelineContext.of(sized).heldOut(), c, out);
        System.out.println(r.toMarkdown());
    }

    /**
     * R1-Zero GRPO with only the template's last line as the prompt: the same algorithm at a fraction of the
     * sequence length (the whole template is ~430 of ~530 tokens of a rollout). Saves the policy to {@code out}.
     * {@code -Dr1.lr=} overrides the learning rate.
     */
    private static void grpoShort(PipelineSpec spec, Path start, Path out, int steps, int promptsPerStep) {
        GrpoConfig g = spec.r1Zero();
        GrpoConfig c = new GrpoConfig(g.numGenerations(), g.beta(), g.epsilon(), g.epsilonHigh(), g.numIterations(),
                g.lossType(), g.scaleRewards(), g.temperature(), g.topP(), g.maxCompletionLength(),
                Double.parseDouble(System.getProperty("r1.lr", Double.toString(g.learningRate()))),
                steps, promptsPerStep, g.rewardWeights(), g.warmupSteps(), g.maxGradNorm(), g.weightDecay(),
                g.checkpointEvery(), g.evalEvery(), g.seed());
        GrpoRewards rewards = new GrpoRewards(new WeightedReward(c.rewardWeights()),
                List.of(RewardRegistry.create("language")));
        StepListener print = printer(0);
        try (NDManager m = NDManager.newBaseManager(); LoadedCheckpoint loaded = Checkpoints.load(start, m);
                LoadedCheckpoint ref = Checkpoints.load(start, m);
                GrpoTrainer t = new GrpoTrainer(loaded.model(), ref.model(), loaded.tokenizer(), rewards,
                        PipelineContext.of(spec).train(), LrSchedule.constant(c.learningRate()), c,
                        new GrpoTrainer.Options(32, SHORT), m)) {
            for (int i = 0; i < steps; i++) {
                print.onStep("r1_zero-short", i + 1, steps, t.step().asMap());
            }
            Checkpoints.save(out, t.policy(), loaded.tokenizer());
        }
    }

    private static final java.util.function.Function<Problem, String> SHORT =
            p -> CorpusGenerator.SHORT_PROMPT.replace("{prompt}", p.prompt());

    /** Greedy and k=1 sampled pass@1 with only the template's last line as the prompt (is the template in the way?). */
    private static void evalShort(PipelineSpec spec, Path checkpoint, int n, int k) {
        List<Problem> problems = PipelineContext.of(spec).heldOut();
        EvalSettings s = new EvalSettings(k, 1.0, 1.0, spec.eval().maxCompletionLength(), true, 64, SHORT);
        try (NDManager m = NDManager.newBaseManager(); LoadedCheckpoint loaded = Checkpoints.load(checkpoint, m)) {
            Evaluator.Result r = new Evaluator(loaded.model(), loaded.tokenizer(), s)
                    .evaluate("short-prompt", problems.subList(0, Math.min(n, problems.size())), 1);
            System.out.println(r.report().toMarkdown());
            r.samples().stream().limit(8).forEach(x -> System.out.println(x.completion()));
        }
    }

    /** Prints each step's metrics with the wall time since start and, for fixed-size batches, tokens/s. */
    private static StepListener printer(long tokensPerStep) {
        long t0 = System.nanoTime();
        return (stage, step, total, metrics) -> {
            double secs = (System.nanoTime() - t0) / 1e9;
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s %d/%d t=%.1fs", stage, step, total, secs));
            if (tokensPerStep > 0) {
                sb.append(String.format(Locale.ROOT, " tok/s=%.0f", step * tokensPerStep / secs));
            }
            for (Map.Entry<String, Double> e : metrics.entrySet()) {
                sb.append(String.format(Locale.ROOT, " %s=%.4g", e.getKey(), e.getValue()));
            }
            System.out.println(sb);
        };
    }
}
