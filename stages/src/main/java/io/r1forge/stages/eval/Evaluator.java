package io.r1forge.stages.eval;

import io.r1forge.stages.generate.Completion;
import io.r1forge.stages.generate.GenerationConfig;
import io.r1forge.stages.model.CausalLm;
import io.r1forge.stages.tasks.Problem;
import io.r1forge.stages.tokenizer.TextTokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a model in memory: k samples per problem at the configured temperature (pass@1, cons@k and the
 * rates) and one greedy completion per problem (greedy pass@1). Used by {@link EvalStage} and by pre-training's
 * progress reports.
 */
public final class Evaluator {
    /** The report and every scored completion. */
    public record Result(EvalReport report, List<EvalSample> samples) {}

    private final CausalLm model;
    private final TextTokenizer tokenizer;
    private final EvalSettings settings;

    public Evaluator(CausalLm model, TextTokenizer tokenizer, EvalSettings settings) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.settings = settings;
    }

    /** Evaluates on {@code problems}; deterministic for a seed. {@code label} names the checkpoint in the report. */
    public Result evaluate(String label, List<Problem> problems, long seed) {
        long start = System.nanoTime();
        List<EvalSample> samples = new ArrayList<>();
        List<List<SampleScore>> sampled = settings.k() == 0 ? List.of()
                : run(problems, settings.k(), settings.sampling(), seed, false, samples);
        List<List<SampleScore>> greedy = settings.greedy()
                ? run(problems, 1, settings.greedyConfig(), seed, true, samples) : List.of();
        List<List<SampleScore>> rates = sampled.isEmpty() ? greedy : sampled;
        double seconds = (System.nanoTime() - start) / 1e9;
        EvalReport report = new EvalReport(label, problems.size(), settings.k(), settings.temperature(),
                sampled.isEmpty() ? Double.NaN : EvalMath.passAt1(sampled),
                sampled.isEmpty() ? Double.NaN : EvalMath.consAtK(sampled),
                greedy.isEmpty() ? Double.NaN : EvalMath.passAt1(greedy),
                EvalMath.formatRate(rates), EvalMath.languageConsistency(rates), EvalMath.meanLength(rates),
                EvalMath.selfCheckRate(rates), seed, seconds);
        return new Result(report, samples);
    }

    /** Samples {@code n} completions per problem ({@link BatchSampler}) and scores them into {@code sink}. */
    private List<List<SampleScore>> run(List<Problem> problems, int n, GenerationConfig cfg, long seed,
            boolean greedy, List<EvalSample> sink) {
        List<String> prompts = problems.stream().map(settings.template()).toList();
        List<List<Completion>> completions =
                BatchSampler.sample(model, tokenizer, prompts, n, cfg, settings.batchSize(), seed);
        List<List<SampleScore>> perProblem = new ArrayList<>(problems.size());
        for (int p = 0; p < problems.size(); p++) {
            List<SampleScore> scores = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Completion c = completions.get(p).get(i);
                SampleScore s = SampleScoring.score(problems.get(p), c.text(), c.completionIds().length);
                scores.add(s);
                sink.add(new EvalSample(problems.get(p).id(), greedy, i, c.text(), c.finishReason().name(), s));
            }
            perProblem.add(scores);
        }
        return perProblem;
    }
}
