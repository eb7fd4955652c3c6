package io.r1forge.stages.pipeline;

import io.r1forge.stages.pretrain.corpus.CorpusGenerator;
import io.r1forge.stages.spec.PretrainConfig;
import java.util.function.LongFunction;

/**
 * The pre-training documents: {@code corpus_documents} documents of {@link CorpusGenerator} cycled, document i
 * being the corpus's document {@code i mod corpus_documents} of the pre-training seed (a pure function of i, so
 * the data cursor is one number).
 */
public final class Corpus {
    private Corpus() {}

    public static LongFunction<String> documents(PretrainConfig c) {
        CorpusGenerator gen = new CorpusGenerator(c.corpus());
        int n = Math.max(1, c.corpusDocuments());
        return i -> gen.document(c.seed(), i % n).text();
    }
}
