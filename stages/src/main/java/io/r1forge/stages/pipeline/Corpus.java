package io.r1forge.stages.pipeline;

import io.r1forge.stages.pretrain.corpus.CorpusDocument;
import io.r1forge.stages.pretrain.corpus.CorpusGenerator;
import io.r1forge.stages.spec.PipelineSpec;
import io.r1forge.stages.spec.PretrainConfig;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The pre-training documents: the {@code corpus_documents} documents of {@link CorpusGenerator} for the
 * pre-training seed, generated once, avoiding the held-out problems' keys, and cycled (document i is
 * {@code i mod corpus_documents}, so the data cursor is one number).
 */
public final class Corpus {
    private Corpus() {}

    public static LongFunction<String> documents(PretrainConfig c, java.util.Set<String> excludedKeys) {
        List<String> docs = new CorpusGenerator(c.corpus())
                .documents(c.seed(), Math.max(1, c.corpusDocuments()), excludedKeys).stream()
                .map(CorpusDocument::text).toList();
        return i -> docs.get((int) (i % docs.size()));
    }

    /** The documents of a run: excluding the held-out problems of its eval. */
    public static LongFunction<String> documents(PipelineSpec spec, PipelineContext ctx) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        ctx.heldOut().forEach(p -> keys.add(p.key()));
        return documents(spec.pretrain(), keys);
    }
}
