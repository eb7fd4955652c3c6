package io.r1forge.workflows;

import java.util.List;

/**
 * The DeepSeek-R1 pipeline (arXiv 2501.12948 §2, DESIGN §2) as data: each stage declares its parent inputs, and
 * the declaration order is a topological order of the DAG, so the workflow walks {@link #values()} in order.
 *
 * <p>The DAG is not a chain: {@link #COLD_START_SFT} and {@link #RS_SFT} start again from the <b>base</b>
 * checkpoint ({@link #PRETRAIN_BASE}'s output, or the given base when pre-training is not needed).
 *
 * <p>Evaluation is not a separate node: every checkpoint stage evaluates its own checkpoint at its end and
 * returns the report as output {@link #OUT_EVAL} with the metrics in {@link StageResult#metrics()} (see
 * {@code PipelineWorkflowImpl} for why).
 */
public enum StageName {
    /** Pre-trains the tiny base on the synthetic corpus; runs only when no base exists. Produces the base. */
    PRETRAIN_BASE(List.of()),
    /** GRPO from the base with accuracy + format rewards; produces a checkpoint and its samples. */
    R1_ZERO(List.of(in(StageName.IN_MODEL, "PRETRAIN_BASE", StageName.OUT_CHECKPOINT))),
    /** SFT from the base on readable long-CoT samples curated from R1-Zero's samples. */
    COLD_START_SFT(List.of(
            in(StageName.IN_MODEL, "PRETRAIN_BASE", StageName.OUT_CHECKPOINT),
            in(StageName.IN_DATA, "R1_ZERO", StageName.OUT_SAMPLES))),
    /** GRPO from the cold-start checkpoint with accuracy + format + language-consistency rewards. */
    REASONING_RL(List.of(in(StageName.IN_MODEL, "COLD_START_SFT", StageName.OUT_CHECKPOINT))),
    /** k samples per prompt from reasoning-RL, verified and filtered: produces an SFT data set. */
    REJECTION_SAMPLING(List.of(in(StageName.IN_MODEL, "REASONING_RL", StageName.OUT_CHECKPOINT))),
    /** SFT from the <b>base</b> (not from reasoning-RL) on the rejection-sampled data. */
    RS_SFT(List.of(
            in(StageName.IN_MODEL, "PRETRAIN_BASE", StageName.OUT_CHECKPOINT),
            in(StageName.IN_DATA, "REJECTION_SAMPLING", StageName.OUT_DATASET))),
    /** GRPO over all scenarios from the RS-SFT checkpoint: the R1 checkpoint. */
    FINAL_RL(List.of(in(StageName.IN_MODEL, "RS_SFT", StageName.OUT_CHECKPOINT))),
    /** Optional: SFT of a smaller student (named in the stage config) on the rejection-sampled data, no RL. */
    DISTILL(List.of(in(StageName.IN_DATA, "REJECTION_SAMPLING", StageName.OUT_DATASET)));

    /** Input key: the model a stage starts from. */
    public static final String IN_MODEL = "model";
    /** Input key: the data a stage trains on. */
    public static final String IN_DATA = "data";
    /** Output key: a checkpoint (Hugging Face layout). */
    public static final String OUT_CHECKPOINT = "checkpoint";
    /** Output key: samples generated during RL (R1-Zero's are the cold-start data source). */
    public static final String OUT_SAMPLES = "samples";
    /** Output key: a data set with per-sample provenance. */
    public static final String OUT_DATASET = "dataset";
    /** Output key: the evaluation report of the stage's checkpoint. */
    public static final String OUT_EVAL = "eval";

    // Parents are named by string and resolved lazily: an enum constant cannot reference a later one (or
    // itself) in its constructor arguments, and forward references keep the declaration readable.
    private final List<RawInput> rawInputs;

    StageName(List<RawInput> rawInputs) {
        this.rawInputs = rawInputs;
    }

    /** The parent inputs this stage needs, in declaration order. */
    public List<StageInput> inputs() {
        return rawInputs.stream()
                .map(r -> new StageInput(r.name(), StageName.valueOf(r.from()), r.output()))
                .toList();
    }

    /** The stages whose outputs this stage reads (distinct, in DAG order). */
    public List<StageName> parents() {
        return inputs().stream().map(StageInput::from).distinct().sorted().toList();
    }

    private static RawInput in(String name, String from, String output) {
        return new RawInput(name, from, output);
    }

    private record RawInput(String name, String from, String output) {}
}
