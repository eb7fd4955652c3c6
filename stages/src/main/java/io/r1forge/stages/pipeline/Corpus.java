package io.r1forge.stages.pipeline;

import io.r1forge.stages.sft.ColdStartCurator;
import io.r1forge.stages.spec.PretrainConfig;
import io.r1forge.stages.tasks.ArithmeticGenerator;
import io.r1forge.stages.tasks.Language;
import io.r1forge.stages.tasks.Problem;
import io.r1forge.stages.tasks.Templates;
import java.util.Random;
import java.util.function.LongFunction;

/**
 * The pre-training documents: {@code corpus_documents} documents cycled, document i a pure function of
 * (seed, i mod corpus_documents).
 */
public final class Corpus {
    private Corpus() {}

    public static LongFunction<String> documents(PretrainConfig c) {
        ArithmeticGenerator gen = new ArithmeticGenerator(c.corpus().arithmetic());
        int n = Math.max(1, c.corpusDocuments());
        return i -> {
            long index = i % n;
            Random r = new Random(c.seed() * 1_000_003L + index);
            Language lang = r.nextDouble() < c.corpus().chineseFraction() ? Language.ZH : Language.EN;
            Problem p = gen.generate(r, lang, "corpus-" + index);
            return Templates.r1Zero(p) + Templates.thinkAnswer(ColdStartCurator.referenceSolution(p).orElseThrow(),
                    p.answer());
        };
    }
}
