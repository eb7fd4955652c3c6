package io.r1forge.tests.harness;

import io.r1forge.stages.spec.PipelineSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code tiny} preset shortened to seconds per stage: a few steps per stage, tiny eval sizes, no distillation.
 * The numbers it produces are meaningless; the wiring is what the end-to-end tests check. Every spec here shares
 * the same {@code pretrain} section, so the base is pre-trained once per stack and then found by its recipe.
 */
public final class ShortSpecs {
    /** R1-Zero of the fault tests: long enough to be killed in the middle, with several committed checkpoints. */
    public static final int LONG_R1_ZERO_STEPS = 12;
    public static final int LONG_R1_ZERO_CHECKPOINT_EVERY = 3;

    private ShortSpecs() {}

    /** Overrides of the tiny preset for a pipeline that runs in well under a minute of compute. */
    public static Map<String, String> shortened() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("task.train_size", "64");
        o.put("task.eval_size", "8");
        o.put("eval.num_problems", "3");
        o.put("eval.samples_per_problem", "2");
        o.put("eval.max_completion_length", "16");
        // One step: pre-training runs a 64-problem progress evaluation every max(1, steps / 5) steps, so every
        // extra step of a shortened base costs a whole evaluation.
        o.put("pretrain.steps", "1");
        o.put("pretrain.batch_size", "2");
        o.put("pretrain.seq_length", "64");
        o.put("pretrain.warmup_steps", "0");
        o.put("pretrain.corpus_documents", "20");
        for (String rl : List.of("r1_zero", "reasoning_rl", "final_rl")) {
            o.put(rl + ".max_steps", "2");
            o.put(rl + ".prompts_per_step", "2");
            o.put(rl + ".num_generations", "2");
            o.put(rl + ".max_completion_length", "16");
            o.put(rl + ".checkpoint_every", "1");
            o.put(rl + ".eval_every", "0");
        }
        for (String sft : List.of("cold_start", "rs_sft")) {
            o.put(sft + ".epochs", "1");
            o.put(sft + ".batch_size", "4");
            o.put(sft + ".warmup_steps", "1");
            o.put(sft + ".checkpoint_every", "2");
        }
        o.put("rejection_sampling.num_prompts", "4");
        o.put("rejection_sampling.samples_per_prompt", "2");
        o.put("rejection_sampling.max_completion_length", "16");
        // The tiny preset gates R1-Zero on pass@1 >= 0.3: a 2-step run cannot meet it.
        o.put("gates", "null");
        o.put("distill", "null");
        return o;
    }

    /** The shortened pipeline named {@code name}. */
    public static PipelineSpec pipeline(String name) {
        Map<String, String> o = shortened();
        o.put("name", name);
        return PipelineSpec.preset("tiny").withOverrides(o);
    }

    /**
     * The shortened pipeline with a longer R1-Zero ({@value #LONG_R1_ZERO_STEPS} steps, a committed checkpoint
     * every {@value #LONG_R1_ZERO_CHECKPOINT_EVERY}) and more work per step, so a fault can land in the middle.
     */
    public static PipelineSpec withLongR1Zero(String name) {
        return withLongR1Zero(name, LONG_R1_ZERO_STEPS);
    }

    /**
     * As {@link #withLongR1Zero(String)} with {@code steps} R1-Zero steps: a fault that must start and end inside
     * the stage (a 20 s outage) needs it to last well beyond that on an idle machine, where a step takes ~0.6 s.
     */
    public static PipelineSpec withLongR1Zero(String name, int steps) {
        Map<String, String> o = shortened();
        o.put("name", name);
        o.put("r1_zero.max_steps", Integer.toString(steps));
        o.put("r1_zero.checkpoint_every", Integer.toString(LONG_R1_ZERO_CHECKPOINT_EVERY));
        o.put("r1_zero.prompts_per_step", "4");
        o.put("r1_zero.num_generations", "4");
        o.put("r1_zero.max_completion_length", "32");
        return PipelineSpec.preset("tiny").withOverrides(o);
    }

    /** Writes the spec as (canonical) JSON, which {@code r1 run -f} reads like YAML. */
    public static Path write(PipelineSpec spec, Path dir) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(spec.name() + ".json");
            Files.writeString(file, spec.toJson());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
