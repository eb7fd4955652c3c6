package io.r1forge.stages.pretrain;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.r1forge.stages.eval.EvalStage;
import io.r1forge.stages.eval.Evaluator;
import io.r1forge.stages.io.Checkpoint.LoadedCheckpoint;
import io.r1forge.stages.model.CausalLm;
import io.r1forge.stages.model.ModelConfig;
import io.r1forge.stages.pipeline.Checkpoints;
import io.r1forge.stages.pipeline.StepListener;
import io.r1forge.stages.pipeline.TrainingLoop;
import io.r1forge.stages.spec.EvalConfig;
import io.r1forge.stages.spec.PretrainConfig;
import io.r1forge.stages.spec.TemplateKind;
import io.r1forge.stages.tasks.Problem;
import io.r1forge.stages.tokenizer.HfTokenizer;
import io.r1forge.stages.tokenizer.TinyTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Builds the tiny base (the stand-in for DeepSeek-V3-Base): initialise {@code ModelConfig.<preset>} over the tiny
 * tokenizer, save it as {@code out/init}, then train it with the resumable {@link TrainingLoop} on the corpus,
 * reporting held-out greedy and sampled pass@1 as it goes. The final checkpoint is {@code out/checkpoint}.
 */
public final class PretrainStage {
    /** Held-out problems for the progress evaluations (a small, fixed subset: each costs generation time). */
    public static final int PROGRESS_EVAL_PROBLEMS = 64;

    private PretrainStage() {}

    /** The learning-rate floor of the cosine schedule as a fraction of the peak (nanoGPT uses 0.1). */
    static final double MIN_LR_RATIO = 0.1;

    /** Progress evaluations every {@code steps/5}, resumable snapshots every {@code steps/10}. */
    public static PretrainSettings settings(PretrainConfig c) {
        return settings(c, Math.max(1, c.steps() / 5), Math.max(1, c.steps() / 10));
    }

    public static PretrainSettings settings(PretrainConfig c, int evalEvery, int checkpointEvery) {
        return new PretrainSettings(c.steps(), c.batchSize(), c.seqLength(), c.learningRate(),
                Math.min(c.warmupSteps(), c.steps() - 1), MIN_LR_RATIO, 1.0, 0.0, evalEvery, PROGRESS_EVAL_PROBLEMS,
                2, checkpointEvery);
    }

    /**
     * Pre-trains into {@code out}; resumes from {@code out/resume} if a previous run was killed.
     *
     * @param documents document i of the corpus
     * @param heldOut problems for the progress evaluations
     */
    public static Path run(PretrainConfig config, PretrainSettings settings, LongFunction<String> documents,
            List<Problem> heldOut, EvalConfig eval, Path out, StepListener listener) {
        return run(config, settings, documents, heldOut, eval, TemplateKind.R1_ZERO, out, listener);
    }

    /** As above, the progress evaluations' prompts rendered with {@code template}. */
    public static Path run(PretrainConfig config, PretrainSettings settings, LongFunction<String> documents,
            List<Problem> heldOut, EvalConfig eval, TemplateKind template, Path out, StepListener listener) {
        Path init = out.resolve("init");
        if (!Files.isDirectory(init)) {
            try (NDManager m = NDManager.newBaseManager(); HfTokenizer tok = TinyTokenizer.standard().load()) {
                ModelConfig mc = preset(config.modelPreset(), tok.vocabSize()).withSpecialTokens(-1, tok.eosId());
                try (CausalLm model = CausalLm.initialize(mc, config.seed(), m)) {
                    Checkpoints.save(init, model, tok);
                }
            }
        }
        List<Problem> progress = heldOut.subList(0, Math.min(settings.evalProblems(), heldOut.size()));
        try (NDManager m = NDManager.newBaseManager()) {
            TrainingLoop.run("pretrain", init, out, m, (LoadedCheckpoint loaded) -> new PretrainTrainer(
                    loaded.model(), loaded.tokenizer(), documents, settings,
                    new Evaluator(loaded.model(), loaded.tokenizer(), progressSettings(eval, template, settings)), progress,
                    config.seed(), m), settings.checkpointEvery(), listener);
        }
        return out.resolve(TrainingLoop.CHECKPOINT);
    }

    private static io.r1forge.stages.eval.EvalSettings progressSettings(EvalConfig eval, TemplateKind template,
            PretrainSettings s) {
        io.r1forge.stages.eval.EvalSettings e = EvalStage.settings(eval, template);
        return new io.r1forge.stages.eval.EvalSettings(s.evalSamples(), e.temperature(), e.topP(), e.maxNewTokens(),
                true, e.batchSize(), e.template());
    }

    /** {@code tiny}, {@code small} or {@code student} (the spec validates the name). */
    public static ModelConfig preset(String name, int vocabSize) {
        return switch (name) {
            case "tiny" -> ModelConfig.tiny(vocabSize);
            case "small" -> ModelConfig.small(vocabSize);
            case "student" -> ModelConfig.student(vocabSize);
            default -> throw new IllegalArgumentException("unknown model preset '" + name
                    + "' (known: tiny, small, student)");
        };
    }

    /**
     * The base {@code config} builds, from {@code cache} if it is there, else pre-trained into the cache (resuming a
     * killed build) and committed. Returns its checkpoint; {@code progress} hears which of the two happened.
     */
    public static Path cached(BaseModelCache cache, PretrainConfig config, LongFunction<String> documents,
            List<Problem> heldOut, EvalConfig eval, TemplateKind template, StepListener listener,
            java.util.function.Consumer<String> progress) {
        String key = cacheKey(config);
        java.util.Optional<Path> found = cache.find(key);
        if (found.isPresent()) {
            progress.accept("base " + config.modelPreset() + ": reusing " + found.get() + " (pre-training skipped)");
            return found.get().resolve(TrainingLoop.CHECKPOINT);
        }
        Path dir = cache.prepare(key);
        progress.accept("base " + config.modelPreset() + ": pre-training into " + dir);
        long t = System.nanoTime();
        run(config, settings(config), documents, heldOut, eval, template, dir, listener);
        io.r1forge.stages.pipeline.StageOutput.commit(dir, "{\"pretrain_seconds\": " + (System.nanoTime() - t) / 1e9
                + "}");
        return dir.resolve(TrainingLoop.CHECKPOINT);
    }

    /** The cache key of the base this config builds: sha256 of the config's, its preset architecture's and corpus's JSON and the seed. */
    public static String cacheKey(PretrainConfig c) {
        return cacheKey(c, preset(c.modelPreset(), 1));
    }

    /**
     * The key of {@code c} built with {@code architecture}: the architecture enters the key, not only the preset's
     * name, so a preset resized in code does not find the base of its old shape.
     */
    static String cacheKey(PretrainConfig c, ModelConfig architecture) {
        try {
            ObjectMapper json = new ObjectMapper();
            return BaseModelCache.key(json.writeValueAsString(c) + "\n" + architecture.toJson(),
                    json.writeValueAsString(c.corpus()), c.seed());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a config record always serialises", e);
        }
    }
}
