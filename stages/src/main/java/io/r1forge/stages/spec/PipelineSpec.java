package io.r1forge.stages.spec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A whole pipeline run (DESIGN §2 and §4): the DAG base → r1_zero; base → cold_start →
 * reasoning_rl → rejection_sampling; base → rs_sft → final_rl; rejection_sampling → distill.
 * YAML/JSON keys are the snake_case component names ({@code base_model}, {@code r1_zero}, …); every
 * component except {@code distill} and {@code gates} is required. A document may start with {@code
 * preset: tiny}: its fields are then merged over that preset.
 *
 * @param name run name, {@code [A-Za-z0-9._-]+}
 * @param baseModel {@code builtin:tiny-base} (pre-trained by this project, see {@code pretrain}),
 *     {@code s3://…} artifact, or a local Hugging Face layout directory
 * @param task the problems
 * @param template the prompt template of every stage ({@code r1_zero} = Table 1, the default; {@code
 *     r1_zero_short} = its last line, for character-level tokenizers: see {@link TemplateKind})
 * @param seed run seed (stages have their own seeds for sampling and data order)
 * @param pretrain how {@code builtin:tiny-base} is built (ignored for other base models)
 * @param r1Zero stage 1: GRPO from base, accuracy + format
 * @param coldStart stage 2: SFT of the base on reformatted readable long-CoT samples
 * @param reasoningRl stage 3: GRPO with accuracy + format + language consistency
 * @param rejectionSampling stage 4a: k samples per prompt, verified and filtered
 * @param rsSft stage 4b: SFT of the base on 4a's data
 * @param finalRl stage 4c: GRPO over all scenarios
 * @param distill optional stage 5: SFT of a smaller student on 4a's data
 * @param eval the held-out evaluation after every stage
 * @param gates optional stage name → thresholds its eval must meet to go on
 */
public record PipelineSpec(
        String name,
        String baseModel,
        TaskSpec task,
        @OptionalField TemplateKind template,
        long seed,
        PretrainConfig pretrain,
        GrpoConfig r1Zero,
        SftConfig coldStart,
        GrpoConfig reasoningRl,
        RejectionSamplingConfig rejectionSampling,
        SftConfig rsSft,
        GrpoConfig finalRl,
        @OptionalField DistillConfig distill,
        EvalConfig eval,
        @OptionalField Map<String, Gate> gates) {

    /** Stage names as they appear in the spec and in {@code gates}. */
    public static final List<String> STAGES = List.of(
            "pretrain", "r1_zero", "cold_start", "reasoning_rl", "rejection_sampling", "rs_sft", "final_rl", "distill");

    /** Names of the bundled presets, under {@code presets/<name>.yaml}. */
    public static final List<String> PRESETS = List.of("tiny", "smoke", "small", "qwen2.5-1.5b");

    @com.fasterxml.jackson.annotation.JsonCreator
    public PipelineSpec {
        template = template == null ? TemplateKind.R1_ZERO : template;
        gates = gates == null ? Map.of() : Map.copyOf(gates);
    }

    /** A spec with the default template (Table 1): the component list before {@code template} existed. */
    public PipelineSpec(String name, String baseModel, TaskSpec task, long seed, PretrainConfig pretrain,
            GrpoConfig r1Zero, SftConfig coldStart, GrpoConfig reasoningRl, RejectionSamplingConfig rejectionSampling,
            SftConfig rsSft, GrpoConfig finalRl, DistillConfig distill, EvalConfig eval, Map<String, Gate> gates) {
        this(name, baseModel, task, TemplateKind.R1_ZERO, seed, pretrain, r1Zero, coldStart, reasoningRl,
                rejectionSampling, rsSft, finalRl, distill, eval, gates);
    }

    /** A copy with another template. */
    public PipelineSpec withTemplate(TemplateKind t) {
        return new PipelineSpec(name, baseModel, task, t, seed, pretrain, r1Zero, coldStart, reasoningRl,
                rejectionSampling, rsSft, finalRl, distill, eval, gates);
    }

    /** Parses and validates YAML or JSON text. @throws SpecException listing every violation */
    public static PipelineSpec parse(String yamlOrJson) {
        return SpecParser.parse(yamlOrJson);
    }

    /** Reads a YAML/JSON file. @throws SpecException naming the file if it cannot be read */
    public static PipelineSpec read(Path file) {
        return SpecParser.read(file);
    }

    /** A bundled preset: {@code tiny}, {@code smoke} (tiny cut to seconds a stage), {@code small} or {@code qwen2.5-1.5b}. */
    public static PipelineSpec preset(String name) {
        return SpecParser.preset(name);
    }

    /**
     * A copy with dotted overrides applied and re-validated, e.g. {@code "r1_zero.learning_rate" →
     * "1e-4"}, {@code "task.families" → "arithmetic,countdown"}, {@code "r1_zero.reward_weights.language"
     * → "0.5"}, {@code "task.dataset" → "null"}.
     *
     * @throws SpecException naming unknown keys and invalid values
     */
    public PipelineSpec withOverrides(Map<String, String> overrides) {
        return SpecParser.withOverrides(this, overrides);
    }

    /** Canonical JSON: snake_case keys in declaration order, map entries sorted, no whitespace. */
    public String toJson() {
        return SpecParser.toJson(this);
    }

    /** Hex SHA-256 of {@link #toJson()}: the config hash of lineage manifests. */
    public String sha256() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(toJson().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
