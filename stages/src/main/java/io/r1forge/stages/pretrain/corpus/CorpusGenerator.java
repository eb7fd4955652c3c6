package io.r1forge.stages.pretrain.corpus;

import io.r1forge.stages.tasks.ColdStartFormat;
import io.r1forge.stages.tasks.CompareGenerator;
import io.r1forge.stages.tasks.CountdownGenerator;
import io.r1forge.stages.tasks.Families;
import io.r1forge.stages.tasks.Language;
import io.r1forge.stages.tasks.Problem;
import io.r1forge.stages.tasks.ProblemSplits;
import io.r1forge.stages.tasks.TaskMix;
import io.r1forge.stages.tasks.Templates;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The synthetic corpus of imperfect reasoning the tiny base is pre-trained on (DESIGN §3, the
 * "better world"). Each document is the R1-Zero prompt of an arithmetic problem, then {@code " <think>
 * 9 plus 8 is 17. then 17 minus 9 is 8. so the answer is 8. </think> <answer> 8 </answer>"} and the
 * EOS marker. Steps go left to right over the running total; a carry/borrow step (the running total
 * changes its tens digit) forgets the carry (±10) with {@code carryErrorRate}, other steps are off by
 * ±1/±2 with {@code otherErrorRate}; errors propagate to the answer unless a correct self-check
 * follows. A carry step may instead be written in the slow, decomposed and always correct form
 * ({@code "17 minus 9: 17 minus 7 is 10, 10 minus 2 is 8."}), so longer reasoning pays. Language
 * mixing switches single steps to the other language; broken documents lose or break tags. A share
 * {@code fullTemplateRate} of documents carries the whole R1-Zero template as its prompt, the rest only
 * its last line {@code "User: {prompt}. Assistant:"} ({@link #SHORT_PROMPT}). A share {@code coldStartRate}
 * are instead notes in the cold-start layout, {@code "What is 9 + 8? |special_token| 9 plus 8 is 17. ...
 * |special_token| 17"}, so the base knows the separator before cold-start SFT asks for it.
 */
public final class CorpusGenerator {
    /** The last line of the R1-Zero template: the prompt of documents that do not carry the whole template. */
    public static final String SHORT_PROMPT = Templates.R1_ZERO_SHORT;

    private final CorpusConfig config;
    private final TaskMix mix;

    /** @throws IllegalArgumentException if the arithmetic uses {@code *} (chains are left to right) */
    public CorpusGenerator(CorpusConfig config) {
        if (config.arithmetic().ops().contains("*")) {
            throw new IllegalArgumentException("corpus arithmetic: only + and - (was \"" + config.arithmetic().ops() + "\")");
        }
        this.config = config;
        this.mix = new TaskMix(List.of(Families.ARITHMETIC), config.chineseFraction(), config.arithmetic(),
                CountdownGenerator.tiny(), CompareGenerator.tiny());
    }

    /** {@code n} documents from {@code seed}. */
    public List<CorpusDocument> documents(long seed, int n) {
        return documents(seed, n, Set.of());
    }

    /** {@code n} documents whose problems avoid {@code excludedKeys} (e.g. the eval split's keys). */
    public List<CorpusDocument> documents(long seed, int n, Set<String> excludedKeys) {
        List<Problem> problems = ProblemSplits.sample(mix, n, seed, excludedKeys);
        Random random = new Random(seed ^ 0x5DEECE66DL);
        List<CorpusDocument> out = new ArrayList<>(n);
        for (Problem p : problems) {
            out.add(document(p, random));
        }
        return out;
    }

    /**
     * Document {@code index} of the corpus of {@code seed}: a pure function of (seed, index), so a training run
     * can address its corpus by one number and resume anywhere (problems may repeat across indices).
     */
    public CorpusDocument document(long seed, long index) {
        Random random = new Random(seed * 1_000_003L + index);
        Problem p = ProblemSplits.next(mix, random, "corpus", (int) (index % 100_000));
        return document(p, random);
    }

    /** Fractions measured over documents, to compare with the configured rates. */
    public static CorpusStats stats(List<CorpusDocument> docs) {
        return CorpusStats.of(docs);
    }

    private CorpusDocument document(Problem p, Random r) {
        @SuppressWarnings("unchecked")
        List<Integer> operands = (List<Integer>) p.meta().get("operands");
        @SuppressWarnings("unchecked")
        List<String> ops = (List<String>) p.meta().get("ops");
        Language[] langs = stepLanguages(p.language(), ops.size(), r);
        boolean mixed = false;
        for (Language l : langs) {
            mixed |= l != p.language();
        }
        Chain chain = new Chain(config, r);
        chain.run(operands, ops, langs);
        chain.writer.conclusion(p.language(), chain.value);
        if (config.effectiveColdStartRate() > 0 && r.nextDouble() < config.effectiveColdStartRate()) {
            String note = " " + ColdStartFormat.format(chain.writer.text(), Long.toString(chain.value));
            return document(p, p.prompt(), note, chain, ops.size(), mixed, false, false, true);
        }
        boolean broken = r.nextDouble() < config.brokenTagRate();
        String completion = broken
                ? BrokenTags.apply(chain.writer.text(), Long.toString(chain.value), r)
                : Templates.thinkAnswer(chain.writer.text(), Long.toString(chain.value));
        boolean full = r.nextDouble() < config.effectiveFullTemplateRate();
        String prompt = full ? Templates.r1Zero(p) : SHORT_PROMPT.replace("{prompt}", p.prompt());
        return document(p, prompt, completion, chain, ops.size(), mixed, broken, full, false);
    }

    /** The document {@code prompt + completion + EOS} with the chain's injection counters. */
    private static CorpusDocument document(Problem p, String prompt, String completion, Chain chain, int steps,
            boolean mixed, boolean broken, boolean full, boolean coldStart) {
        return new CorpusDocument(prompt + completion + Templates.EOS, p, completion, chain.value, steps, chain.carry,
                chain.slow, chain.carryErrors, chain.otherErrors, chain.checksAfterCarry, chain.checksAfterOther,
                chain.uncaught, mixed, broken, full, coldStart);
    }

    /** Language of each step: the problem's, or in a mixed chain the other one with {@code mixedStepRate} (≥ 1 step). */
    private Language[] stepLanguages(Language base, int steps, Random r) {
        Language[] langs = new Language[steps];
        java.util.Arrays.fill(langs, base);
        if (r.nextDouble() >= config.mixedLanguageRate()) {
            return langs;
        }
        boolean any = false;
        for (int i = 0; i < steps; i++) {
            if (r.nextDouble() < config.mixedStepRate()) {
                langs[i] = base.other();
                any = true;
            }
        }
        if (!any) {
            langs[r.nextInt(steps)] = base.other();
        }
        return langs;
    }
}
