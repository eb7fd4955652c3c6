package io.r1forge.stages.spec;

import io.r1forge.stages.pretrain.corpus.CorpusConfig;

/**
 * Pre-training of the tiny base model on the synthetic corpus (DESIGN §3). The base is an artifact
 * addressed by this config and its seed: a run whose base exists skips this stage. Measured: ~420 s
 * on 2 cores for ~3.7M tokens gave a usable base (greedy pass@1 ~0.7).
 *
 * @param modelPreset model size: {@code tiny} (~1M parameters) or {@code small}
 * @param corpusDocuments documents generated for the corpus
 * @param steps optimizer steps
 * @param learningRate AdamW peak learning rate (measured: 3e-3, cosine)
 * @param batchSize sequences per step
 * @param seqLength tokens per sequence (documents are packed)
 * @param warmupSteps linear warm-up steps
 * @param seed corpus and initialisation seed
 * @param corpus the corpus knobs
 */
public record PretrainConfig(
        String modelPreset,
        int corpusDocuments,
        int steps,
        double learningRate,
        int batchSize,
        int seqLength,
        int warmupSteps,
        long seed,
        CorpusConfig corpus) {}
