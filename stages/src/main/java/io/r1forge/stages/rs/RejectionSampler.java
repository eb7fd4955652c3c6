package io.r1forge.stages.rs;

import io.r1forge.stages.eval.BatchSampler;
import io.r1forge.stages.eval.SampleScoring;
import io.r1forge.stages.generate.Completion;
import io.r1forge.stages.generate.GenerationConfig;
import io.r1forge.stages.model.CausalLm;
import io.r1forge.stages.rewards.Completions;
import io.r1forge.stages.rewards.RewardInput;
import io.r1forge.stages.sft.ColdStartCurator;
import io.r1forge.stages.sft.SftExample;
import io.r1forge.stages.tasks.Problem;
import io.r1forge.stages.tokenizer.TextTokenizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage 4a (paper §2.3.3): k samples per prompt from a checkpoint, keep the verified and readable ones, add
 * non-reasoning examples. When too few samples pass ({@code RsSettings.minReasoningExamples}), reference solutions
 * of uncovered prompts are added and counted ({@link Result#references}). Every output record carries its provenance in {@code meta}: source checkpoint (path +
 * sha256), sampling parameters, seed, prompt id, sample index, and each reward's value and version.
 */
public final class RejectionSampler {
    /** The data set: kept examples (SFT-ready) and dropped ones with {@code meta.dropped} naming the filter. */
    /**
     * @param kept the data set: verified samples, then reference solutions (if any), then non-reasoning examples
     * @param dropped rejected samples with their reason
     * @param references how many of {@code kept} are reference solutions ({@code meta.source = "reference"})
     */
    public record Result(List<SftExample> kept, List<SftExample> dropped, int references) {
        /** Share of the data set that is reference solutions rather than model samples (0 when empty). */
        public double referenceFraction() {
            return kept.isEmpty() ? 0 : references / (double) kept.size();
        }

        /** A warning for reports when references were added, else empty. */
        public java.util.Optional<String> warning() {
            return references == 0 ? java.util.Optional.empty() : java.util.Optional.of(String.format(
                    java.util.Locale.ROOT, "%d of %d examples (%.1f%%) are reference solutions from the task "
                            + "generator, not model samples: rejection sampling kept too few", references,
                    kept.size(), 100 * referenceFraction()));
        }
    }

    /** Where the samples come from, for provenance. */
    public record Source(String checkpoint, String sha256) {}

    private final CausalLm model;
    private final TextTokenizer tokenizer;
    private final RsSettings settings;

    public RejectionSampler(CausalLm model, TextTokenizer tokenizer, RsSettings settings) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.settings = settings;
    }

    public Result run(List<Problem> problems, Source source, long seed) {
        List<String> prompts = problems.stream().map(settings.template()).toList();
        List<List<Completion>> samples = BatchSampler.sample(model, tokenizer, prompts, settings.samplesPerPrompt(),
                settings.sampling(), settings.batchSize(), seed);
        List<Candidate> candidates = new ArrayList<>();
        List<SftExample> records = new ArrayList<>();
        for (int p = 0; p < problems.size(); p++) {
            for (int i = 0; i < samples.get(p).size(); i++) {
                Candidate c = candidate(problems.get(p), i, samples.get(p).get(i).text());
                candidates.add(c);
                records.add(example(problems.get(p), prompts.get(p), c, source, seed));
            }
        }
        List<SftExample> kept = new ArrayList<>();
        List<SftExample> dropped = new ArrayList<>();
        List<Selector.Verdict> verdicts = Selector.select(candidates, settings.filters());
        for (int j = 0; j < verdicts.size(); j++) {
            Selector.Verdict v = verdicts.get(j);
            SftExample e = records.get(j);
            if (v.dropped().isEmpty()) {
                kept.add(e);
            } else {
                dropped.add(withMeta(e, "dropped", v.dropped().get().name()));
            }
        }
        List<SftExample> refs = references(problems, kept);
        kept.addAll(refs);
        double f = settings.nonReasoningFraction();
        kept.addAll(nonReasoning((int) Math.round(problems.size() * f / (1 - f)), seed));
        return new Result(kept, dropped, refs.size());
    }

    /** Reference solutions of prompts without a kept sample, up to {@code minReasoningExamples} reasoning examples. */
    private List<SftExample> references(List<Problem> problems, List<SftExample> kept) {
        int missing = settings.minReasoningExamples() - kept.size();
        if (missing <= 0) {
            return List.of();
        }
        java.util.Set<String> covered = new java.util.HashSet<>();
        kept.forEach(e -> covered.add(String.valueOf(e.meta().get("promptId"))));
        return ColdStartCurator.references(problems, covered, missing, settings.template(),
                settings.outputFormat()::write).stream().map(e -> {
                    Map<String, Object> meta = new LinkedHashMap<>(e.meta());
                    meta.put("source", "reference");
                    meta.put("generator", "ColdStartCurator.referenceSolution");
                    return new SftExample(e.id(), e.prompt(), e.completion(), meta);
                }).toList();
    }

    static Candidate candidate(Problem problem, int index, String completion) {
        RewardInput in = new RewardInput(problem, completion);
        return new Candidate(problem.id(), index, completion, Completions.thought(completion).orElse(""),
                SampleScoring.ACCURACY.score(in), SampleScoring.FORMAT.score(in), SampleScoring.LANGUAGE.score(in));
    }

    private SftExample example(Problem problem, String prompt, Candidate c, Source source, long seed) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("kind", "reasoning");
        meta.put("promptId", problem.id());
        meta.put("language", problem.language().name());
        meta.put("sampleIndex", c.sampleIndex());
        meta.put("source", Map.of("checkpoint", source.checkpoint(), "sha256", source.sha256()));
        meta.put("sampling", sampling(settings.sampling(), settings.samplesPerPrompt()));
        meta.put("seed", seed);
        meta.put("rewards", Map.of(
                "accuracy", reward(c.accuracy(), SampleScoring.ACCURACY.version()),
                "format", reward(c.format(), SampleScoring.FORMAT.version()),
                "language_consistency", reward(c.languageConsistency(), SampleScoring.LANGUAGE.version())));
        return new SftExample(problem.id() + "#" + c.sampleIndex(), prompt, c.completion(), meta);
    }

    private List<SftExample> nonReasoning(int count, long seed) {
        List<SftExample> out = new ArrayList<>();
        for (NonReasoningExamples.Example e : NonReasoningExamples.generate(count, seed)) {
            Problem asProblem = new Problem(e.id(), "non-reasoning", e.language(), e.question(), e.answer(), Map.of());
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("kind", "non-reasoning");
            meta.put("promptId", e.id());
            meta.put("language", e.language().name());
            meta.put("source", Map.of("generator", "NonReasoningExamples", "seed", seed));
            out.add(new SftExample(e.id(), settings.template().apply(asProblem),
                    settings.outputFormat().write("", e.answer()), meta));
        }
        return out;
    }

    private static Map<String, Object> sampling(GenerationConfig g, int k) {
        return Map.of("temperature", g.temperature(), "top_p", g.topP(), "top_k", g.topK(),
                "max_new_tokens", g.maxNewTokens(), "samples_per_prompt", k);
    }

    private static Map<String, Object> reward(double value, String version) {
        return Map.of("value", value, "version", version);
    }

    private static SftExample withMeta(SftExample e, String key, Object value) {
        Map<String, Object> meta = new LinkedHashMap<>(e.meta());
        meta.put(key, value);
        return new SftExample(e.id(), e.prompt(), e.completion(), meta);
    }
}
