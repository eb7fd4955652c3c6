package io.r1forge.stages.pipeline;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The stages of the pipeline (DESIGN §2) as the CLI names them, in DAG order, each with the spec section that
 * configures it. {@link #RS_SFT} starts from the base again, not from {@link #REASONING_RL}; {@link #DISTILL}
 * trains a smaller student on {@link #REJECTION_SAMPLING}'s data.
 */
public enum Stage {
    PRETRAIN("pretrain", "pretrain"),
    R1_ZERO("r1-zero", "r1_zero"),
    COLD_START_SFT("cold-start-sft", "cold_start"),
    REASONING_RL("reasoning-rl", "reasoning_rl"),
    REJECTION_SAMPLING("rejection-sampling", "rejection_sampling"),
    RS_SFT("rs-sft", "rs_sft"),
    FINAL_RL("final-rl", "final_rl"),
    DISTILL("distill", "distill"),
    EVAL("eval", "eval");

    private final String cliName;
    private final String specSection;

    Stage(String cliName, String specSection) {
        this.cliName = cliName;
        this.specSection = specSection;
    }

    /** The name on the command line, e.g. {@code cold-start-sft}. */
    public String cliName() {
        return cliName;
    }

    /** The key of the spec section configuring this stage, e.g. {@code cold_start_sft}. */
    public String specSection() {
        return specSection;
    }

    /** Parses a CLI name; the error lists the valid ones. */
    public static Stage fromCliName(String name) {
        for (Stage s : values()) {
            if (s.cliName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown stage '" + name + "' (known: "
                + Arrays.stream(values()).map(Stage::cliName).collect(Collectors.joining(", ")) + ")");
    }
}
