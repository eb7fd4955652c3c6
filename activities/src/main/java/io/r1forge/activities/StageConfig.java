package io.r1forge.activities;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.r1forge.stages.rewards.RewardRegistry;
import io.r1forge.stages.spec.GrpoConfig;
import io.r1forge.stages.spec.PipelineSpec;
import io.r1forge.stages.spec.SpecException;
import io.r1forge.workflows.StageName;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stage's config as it travels in {@code StagePlan.configJson}: {@code {"stage": "r1_zero", "spec": {…}}}, the
 * stage's spec section name and the whole validated spec. The whole spec travels (a few KB) because a stage also
 * reads the shared sections (task, eval, seed) and the activity re-validates it with {@link PipelineSpec}'s own
 * rules, so a retry's overrides are checked field by field exactly as {@code r1 run --set} is.
 *
 * <p>What the lineage manifest records is {@link #manifestConfig()}: only the sections that determine this stage's
 * output, so editing another stage's section does not change this stage's config hash.
 *
 * @param stage the stage
 * @param spec  the effective spec, overrides applied and validated
 */
public record StageConfig(StageName stage, PipelineSpec spec) {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    /** Top-level spec fields: an override key starting with one of these is absolute, others are section-relative. */
    static final List<String> TOP_LEVEL = List.of("name", "base_model", "task", "seed", "pretrain", "r1_zero",
            "cold_start", "reasoning_rl", "rejection_sampling", "rs_sft", "final_rl", "distill", "eval", "gates");

    /** The spec section configuring {@code stage}, e.g. {@code r1_zero}. */
    public static String section(StageName stage) {
        return switch (stage) {
            case PRETRAIN_BASE -> "pretrain";
            case R1_ZERO -> "r1_zero";
            case COLD_START_SFT -> "cold_start";
            case REASONING_RL -> "reasoning_rl";
            case REJECTION_SAMPLING -> "rejection_sampling";
            case RS_SFT -> "rs_sft";
            case FINAL_RL -> "final_rl";
            case DISTILL -> "distill";
        };
    }

    /** The plan's config JSON for {@code stage} of {@code spec}. */
    public static String toJson(StageName stage, PipelineSpec spec) {
        ObjectNode root = JSON.createObjectNode();
        root.put("stage", section(stage));
        root.set("spec", tree(spec.toJson()));
        return root.toString();
    }

    /**
     * Parses a plan's config and applies operator overrides: {@code learning_rate=1e-4} is relative to the stage's
     * section ({@code r1_zero.learning_rate}); a key starting with a top-level field ({@code eval.num_problems})
     * is absolute.
     *
     * @throws SpecException naming the bad field (the caller turns it into an INVALID_CONFIG failure)
     */
    public static StageConfig parse(StageName stage, String configJson, Map<String, String> overrides) {
        JsonNode root = tree(configJson);
        JsonNode spec = root.get("spec");
        if (spec == null || !spec.isObject()) {
            throw new SpecException(List.of("stage config: missing the 'spec' object"));
        }
        String declared = root.path("stage").asText(section(stage));
        if (!declared.equals(section(stage))) {
            throw new SpecException(List.of("stage config: is for '" + declared + "', not " + section(stage)));
        }
        PipelineSpec parsed = PipelineSpec.parse(spec.toString());
        return new StageConfig(stage, overrides.isEmpty() ? parsed : parsed.withOverrides(absolute(stage, overrides)));
    }

    /** Overrides with section-relative keys made absolute for {@code stage} (see {@link #parse}). */
    public static Map<String, String> absolute(StageName stage, Map<String, String> overrides) {
        Map<String, String> out = new TreeMap<>();
        overrides.forEach((k, v) -> out.put(TOP_LEVEL.contains(k.split("\\.", 2)[0]) ? k : section(stage) + "." + k, v));
        return out;
    }

    /**
     * The config recorded in the manifest: {@code stage}, the stage's section, and the shared sections it reads
     * ({@code task}, {@code eval}, {@code seed}; {@code base_model} for stages starting from it;
     * {@code rejection_sampling} for R1-Zero's samples and cold start's curation).
     */
    public ObjectNode manifestConfig() {
        JsonNode all = tree(spec.toJson());
        ObjectNode out = JSON.createObjectNode();
        out.put("stage", section(stage));
        out.set(section(stage), all.get(section(stage)));
        for (String shared : List.of("task", "eval", "seed")) {
            out.set(shared, all.get(shared));
        }
        if (stage == StageName.R1_ZERO || stage == StageName.COLD_START_SFT) {
            out.set("rejection_sampling", all.get("rejection_sampling"));
        }
        if (stage == StageName.PRETRAIN_BASE || stage == StageName.DISTILL) {
            out.set("base_model", all.get("base_model"));
        }
        return out;
    }

    /** sha256 of {@link #manifestConfig()} in canonical form (sorted keys, no whitespace). */
    public String manifestConfigSha256() {
        return sha256(canonical(manifestConfig()));
    }

    /** Steps between committed resume checkpoints (0 = never). */
    public int checkpointEvery() {
        return switch (stage) {
            case PRETRAIN_BASE -> Math.max(1, spec.pretrain().steps() / 10);
            case R1_ZERO -> spec.r1Zero().checkpointEvery();
            case COLD_START_SFT -> spec.coldStart().checkpointEvery();
            case REASONING_RL -> spec.reasoningRl().checkpointEvery();
            case RS_SFT -> spec.rsSft().checkpointEvery();
            case FINAL_RL -> spec.finalRl().checkpointEvery();
            case DISTILL -> spec.distill() == null ? 0 : spec.distill().sft().checkpointEvery();
            case REJECTION_SAMPLING -> 0;
        };
    }

    /** The stage's own seed (sampling, data order). */
    public long seed() {
        return switch (stage) {
            case PRETRAIN_BASE -> spec.pretrain().seed();
            case R1_ZERO -> spec.r1Zero().seed();
            case COLD_START_SFT -> spec.coldStart().seed();
            case REASONING_RL -> spec.reasoningRl().seed();
            case REJECTION_SAMPLING -> spec.rejectionSampling().seed();
            case RS_SFT -> spec.rsSft().seed();
            case FINAL_RL -> spec.finalRl().seed();
            case DISTILL -> spec.distill() == null ? spec.seed() : spec.distill().sft().seed();
        };
    }

    /**
     * Reward name → version of every reward the stage's outputs depend on: the GRPO weights' rewards, plus
     * accuracy, format and language, which the evaluation and the rejection-sampling filters use.
     */
    public Map<String, String> rewardVersions() {
        Map<String, String> out = new TreeMap<>();
        for (String name : List.of("accuracy", "format", "language")) {
            out.put(name, RewardRegistry.create(name).version());
        }
        GrpoConfig grpo = switch (stage) {
            case R1_ZERO -> spec.r1Zero();
            case REASONING_RL -> spec.reasoningRl();
            case FINAL_RL -> spec.finalRl();
            default -> null;
        };
        if (grpo != null) {
            grpo.rewardWeights().keySet().forEach(n -> out.put(n, RewardRegistry.create(n).version()));
        }
        return new LinkedHashMap<>(out);
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SpecException(List.of("stage config: not JSON: " + e.getOriginalMessage()));
        }
    }

    static String canonical(JsonNode node) {
        try {
            Object plain = JSON.treeToValue(node, Object.class);
            return JSON.writeValueAsString(plain);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
