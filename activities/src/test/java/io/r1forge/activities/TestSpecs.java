package io.r1forge.activities;

import ai.djl.ndarray.NDManager;
import io.r1forge.activities.store.ArtifactDraft;
import io.r1forge.activities.store.ArtifactId;
import io.r1forge.activities.store.ArtifactKind;
import io.r1forge.activities.store.ArtifactStore;
import io.r1forge.activities.store.Producer;
import io.r1forge.stages.model.CausalLm;
import io.r1forge.stages.model.ModelConfig;
import io.r1forge.stages.pipeline.Checkpoints;
import io.r1forge.stages.sft.SftData;
import io.r1forge.stages.sft.SftExample;
import io.r1forge.stages.spec.PipelineSpec;
import io.r1forge.stages.tokenizer.HfTokenizer;
import io.r1forge.stages.tokenizer.TinyTokenizer;
import io.r1forge.workflows.ArtifactRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A heavily shortened tiny spec and small committed fixtures (a fresh tiny base, an SFT data set). */
public final class TestSpecs {
    private TestSpecs() {}

    /**
     * The bundled {@code smoke} preset (tiny cut to a few steps a stage: numbers are meaningless, the wiring is what
     * is tested) with R1-Zero's gate kept but always passed, plus {@code more}.
     */
    public static PipelineSpec shortenedTiny(Map<String, String> more) {
        Map<String, String> o = new LinkedHashMap<>(GATE_THAT_PASSES);
        o.putAll(more);
        return PipelineSpec.preset("smoke").withOverrides(o);
    }

    /** A gate on R1-Zero that any model meets, so the gate's path runs without stopping the run. */
    public static final Map<String, String> GATE_THAT_PASSES = Map.of("gates.r1_zero.min.pass@1", "0",
            "gates.r1_zero.min.format_rate", "0");

    /** A freshly initialised tiny model committed as a checkpoint (the stand-in base). */
    public static ArtifactRef commitFreshBase(ArtifactStore store, Path dir) {
        try (NDManager m = NDManager.newBaseManager(); HfTokenizer tok = TinyTokenizer.standard().load()) {
            ModelConfig mc = ModelConfig.tiny(tok.vocabSize()).withSpecialTokens(-1, tok.eosId());
            try (CausalLm model = CausalLm.initialize(mc, 11, m)) {
                Checkpoints.save(dir, model, tok);
            }
        }
        ArtifactId id = ArtifactId.forStage(ArtifactKind.CHECKPOINT, "fixture", "base", 1, "final");
        store.commit(ArtifactDraft.builder(id, dir).producer(new Producer("fixture", "base", 1, "test"))
                .codeVersion("test").build());
        return ArtifactRefs.of(store, id);
    }

    /** {@code n} arithmetic SFT examples committed as a data set ({@code kept.jsonl}). */
    public static ArtifactRef commitSftData(ArtifactStore store, Path dir, int n) {
        List<SftExample> examples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            examples.add(new SftExample("e" + i, "What is " + i + " + 2?", " <think> " + i + " plus 2 is " + (i + 2)
                    + " </think> <answer> " + (i + 2) + " </answer>", Map.of()));
        }
        StageExecutor.createDirectories(dir);
        SftData.write(dir.resolve(StageExecutor.DATA_FILE), examples);
        ArtifactId id = ArtifactId.forStage(ArtifactKind.DATASET, "fixture", "rejection-sampling", 1, "dataset");
        store.commit(ArtifactDraft.builder(id, dir).producer(new Producer("fixture", "rejection-sampling", 1, "test"))
                .codeVersion("test").build());
        return ArtifactRefs.of(store, id);
    }
}
