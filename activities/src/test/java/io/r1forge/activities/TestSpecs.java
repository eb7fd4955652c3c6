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

    /** Every stage a few steps, tiny eval: numbers are meaningless, the wiring is what is tested. */
    public static Map<String, String> shortened() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("task.train_size", "64");
        o.put("task.eval_size", "8");
        o.put("eval.num_problems", "3");
        o.put("eval.samples_per_problem", "2");
        o.put("eval.max_completion_length", "16");
        o.put("pretrain.steps", "2");
        o.put("pretrain.batch_size", "2");
        o.put("pretrain.seq_length", "64");
        o.put("pretrain.warmup_steps", "1");
        o.put("pretrain.corpus_documents", "20");
        for (String rl : List.of("r1_zero", "reasoning_rl", "final_rl")) {
            o.put(rl + ".max_steps", "2");
            o.put(rl + ".prompts_per_step", "2");
            o.put(rl + ".num_generations", "2");
            o.put(rl + ".max_completion_length", "16");
            o.put(rl + ".checkpoint_every", "1");
            o.put(rl + ".eval_every", "0");
        }
        for (String sft : List.of("cold_start", "rs_sft", "distill.sft")) {
            o.put(sft + ".epochs", "1");
            o.put(sft + ".batch_size", "4");
            o.put(sft + ".warmup_steps", "1");
            o.put(sft + ".checkpoint_every", "2");
        }
        o.put("rejection_sampling.num_prompts", "4");
        o.put("rejection_sampling.samples_per_prompt", "2");
        o.put("rejection_sampling.max_completion_length", "16");
        o.put("gates.r1_zero.min.pass@1", "0");
        o.put("gates.r1_zero.min.format_rate", "0");
        return o;
    }

    public static PipelineSpec shortenedTiny(Map<String, String> more) {
        Map<String, String> o = shortened();
        o.putAll(more);
        return PipelineSpec.preset("tiny").withOverrides(o);
    }

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
