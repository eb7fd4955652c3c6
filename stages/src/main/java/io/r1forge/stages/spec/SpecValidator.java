package io.r1forge.stages.spec;

import io.r1forge.stages.pretrain.corpus.CorpusConfig;
import io.r1forge.stages.rewards.RewardRegistry;
import io.r1forge.stages.tasks.Families;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Value checks of a bound {@link PipelineSpec}; returns every violation, each naming its field path,
 * e.g. {@code "r1_zero.num_generations: must be >= 2 (was 1)"}. Structure (unknown / missing
 * fields) is checked before binding by {@code SpecStructure}.
 */
public final class SpecValidator {
    /** Base models this project builds itself. */
    public static final List<String> BUILTIN_MODELS = List.of("builtin:tiny-base", "builtin:small-base");
    /** Model size presets for pre-training and students. */
    public static final List<String> MODEL_PRESETS = List.of("tiny", "small", "student");

    private SpecValidator() {}

    /** All violations; empty if the spec is valid. */
    public static List<String> validate(PipelineSpec s) {
        Violations v = new Violations();
        if (s.name() == null || !s.name().matches("[A-Za-z0-9._-]+")) {
            v.add("name", "must match [A-Za-z0-9._-]+ (was '" + s.name() + "')");
        }
        v.nonBlank("base_model", s.baseModel());
        if (s.baseModel() != null && s.baseModel().startsWith("builtin:") && !BUILTIN_MODELS.contains(s.baseModel())) {
            v.add("base_model", "unknown builtin model '" + s.baseModel() + "' (known: " + String.join(", ", BUILTIN_MODELS) + ")");
        }
        task(v.at("task"), s.task());
        pretrain(v.at("pretrain"), s.pretrain());
        grpo(v.at("r1_zero"), s.r1Zero());
        sft(v.at("cold_start"), s.coldStart());
        grpo(v.at("reasoning_rl"), s.reasoningRl());
        rejectionSampling(v.at("rejection_sampling"), s.rejectionSampling());
        sft(v.at("rs_sft"), s.rsSft());
        grpo(v.at("final_rl"), s.finalRl());
        if (s.distill() != null) {
            v.at("distill").nonBlank("student", s.distill().student());
            if (s.distill().pretrainSteps() != null) {
                v.at("distill").atLeast("pretrain_steps", s.distill().pretrainSteps(), 1);
            }
            sft(v.at("distill.sft"), s.distill().sft());
        }
        eval(v.at("eval"), s.eval(), s.task());
        gates(v.at("gates"), s.gates());
        return List.copyOf(v.list());
    }

    private static void task(Violations v, TaskSpec t) {
        if (t.dataset() != null) {
            if (!Files.isRegularFile(Path.of(t.dataset()))) {
                v.add("dataset", "file not found: " + t.dataset());
            }
        } else if (t.families().isEmpty()) {
            v.add("families", "must not be empty without a dataset");
        }
        for (String f : t.families()) {
            if (!Families.GENERATED.contains(f)) {
                v.add("families", "unknown family '" + f + "' (known: " + String.join(", ", Families.GENERATED) + ")");
            }
        }
        v.unit("chinese_fraction", t.chineseFraction());
        v.atLeast("train_size", t.trainSize(), 1);
        v.atLeast("eval_size", t.evalSize(), 1);
        if (t.seed() == t.evalSeed()) {
            v.add("eval_seed", "must differ from task.seed (both " + t.seed() + ")");
        }
    }

    private static void pretrain(Violations v, PretrainConfig p) {
        if (!MODEL_PRESETS.contains(p.modelPreset())) {
            v.add("model_preset", "unknown preset '" + p.modelPreset() + "' (known: " + String.join(", ", MODEL_PRESETS) + ")");
        }
        v.atLeast("corpus_documents", p.corpusDocuments(), 1);
        v.atLeast("steps", p.steps(), 1);
        v.positive("learning_rate", p.learningRate());
        v.atLeast("batch_size", p.batchSize(), 1);
        v.atLeast("seq_length", p.seqLength(), 8);
        v.atLeast("warmup_steps", p.warmupSteps(), 0);
        CorpusConfig c = p.corpus();
        c.rates().forEach((name, rate) -> v.at("corpus").unit(name, rate));
    }

    private static void grpo(Violations v, GrpoConfig g) {
        v.atLeast("num_generations", g.numGenerations(), 2);
        v.nonNegative("beta", g.beta());
        v.positive("epsilon", g.epsilon());
        if (g.epsilonHigh() != null && !(g.epsilonHigh() >= g.epsilon())) {
            v.add("epsilon_high", "must be >= epsilon " + g.epsilon() + " (was " + g.epsilonHigh() + ")");
        }
        v.atLeast("num_iterations", g.numIterations(), 1);
        v.positive("temperature", g.temperature());
        v.topP("top_p", g.topP());
        v.atLeast("max_completion_length", g.maxCompletionLength(), 1);
        v.positive("learning_rate", g.learningRate());
        v.atLeast("max_steps", g.maxSteps(), 1);
        v.atLeast("prompts_per_step", g.promptsPerStep(), 1);
        rewardWeights(v, g.rewardWeights());
        v.atLeast("warmup_steps", g.warmupSteps(), 0);
        v.positive("max_grad_norm", g.maxGradNorm());
        v.nonNegative("weight_decay", g.weightDecay());
        v.atLeast("checkpoint_every", g.checkpointEvery(), 1);
        v.atLeast("eval_every", g.evalEvery(), 0);
    }

    private static void rewardWeights(Violations v, Map<String, Double> weights) {
        if (weights.isEmpty()) {
            v.add("reward_weights", "must name at least one reward (known: " + String.join(", ", RewardRegistry.names()) + ")");
        }
        weights.forEach((name, w) -> {
            if (!RewardRegistry.isKnown(name)) {
                v.add("reward_weights." + name, "unknown reward '" + name + "' (known: "
                        + String.join(", ", RewardRegistry.names()) + ")");
            } else if (w == null || !Double.isFinite(w)) {
                v.add("reward_weights." + name, "must be a finite number (was " + w + ")");
            }
        });
    }

    private static void sft(Violations v, SftConfig s) {
        v.positive("learning_rate", s.learningRate());
        v.atLeast("epochs", s.epochs(), 1);
        v.atLeast("batch_size", s.batchSize(), 1);
        v.atLeast("max_seq_length", s.maxSeqLength(), 8);
        v.atLeast("warmup_steps", s.warmupSteps(), 0);
        v.atLeast("checkpoint_every", s.checkpointEvery(), 1);
        v.nonNegative("weight_decay", s.weightDecay());
        v.positive("max_grad_norm", s.maxGradNorm());
        if (s.maxSteps() != null) {
            v.atLeast("max_steps", s.maxSteps(), 1);
        }
    }

    private static void rejectionSampling(Violations v, RejectionSamplingConfig r) {
        v.atLeast("num_prompts", r.numPrompts(), 1);
        v.atLeast("samples_per_prompt", r.samplesPerPrompt(), 1);
        v.positive("temperature", r.temperature());
        v.atLeast("max_completion_length", r.maxCompletionLength(), 1);
        v.atLeast("max_per_prompt", r.maxPerPrompt(), 1);
        if (r.maxPerPrompt() > r.samplesPerPrompt()) {
            v.add("max_per_prompt", "must be <= samples_per_prompt " + r.samplesPerPrompt() + " (was " + r.maxPerPrompt() + ")");
        }
        v.unit("mixed_language_threshold", r.mixedLanguageThreshold());
        v.atLeast("max_paragraph_chars", r.maxParagraphChars(), 1);
        v.atLeast("min_reasoning_examples", r.minReasoningExamples(), 0);
        if (!(r.nonReasoningFraction() >= 0 && r.nonReasoningFraction() < 1)) {
            v.add("non_reasoning_fraction", "must be in [0, 1) (was " + r.nonReasoningFraction() + ")");
        }
    }

    private static void eval(Violations v, EvalConfig e, TaskSpec t) {
        v.atLeast("num_problems", e.numProblems(), 1);
        if (t.dataset() == null && e.numProblems() > t.evalSize()) {
            v.add("num_problems", "must be <= task.eval_size " + t.evalSize() + " (was " + e.numProblems() + ")");
        }
        v.atLeast("samples_per_problem", e.samplesPerProblem(), 1);
        v.nonNegative("temperature", e.temperature());
        v.topP("top_p", e.topP());
        v.atLeast("max_completion_length", e.maxCompletionLength(), 1);
    }

    private static void gates(Violations v, Map<String, Gate> gates) {
        gates.forEach((stage, gate) -> {
            if (!PipelineSpec.STAGES.contains(stage)) {
                v.add(stage, "unknown stage (known: " + String.join(", ", PipelineSpec.STAGES) + ")");
            }
            gate.min().forEach((m, t) -> finite(v, stage + ".min." + m, t));
            gate.max().forEach((m, t) -> finite(v, stage + ".max." + m, t));
        });
    }

    private static void finite(Violations v, String field, Double t) {
        if (t == null || !Double.isFinite(t)) {
            v.add(field, "must be a finite number (was " + t + ")");
        }
    }
}
