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
 * The bundled {@code smoke} preset (tiny shortened to seconds per stage) without distillation.
 * The numbers it produces are meaningless; the wiring is what the end-to-end tests check. Every spec here shares
 * the same {@code pretrain} section, so the base is pre-trained once per stack and then found by its recipe.
 */
public final class ShortSpecs {
    /** R1-Zero of the fault tests: long enough to be killed in the middle, with several committed checkpoints. */
    public static final int LONG_R1_ZERO_STEPS = 12;
    public static final int LONG_R1_ZERO_CHECKPOINT_EVERY = 3;

    private ShortSpecs() {}

    /** Overrides of the bundled {@code smoke} preset (tiny cut to a few steps a stage): no distillation. */
    public static Map<String, String> shortened() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("distill", "null");
        return o;
    }

    /** The shortened pipeline named {@code name}. */
    public static PipelineSpec pipeline(String name) {
        Map<String, String> o = shortened();
        o.put("name", name);
        return PipelineSpec.preset("smoke").withOverrides(o);
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
        return PipelineSpec.preset("smoke").withOverrides(o);
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
