package io.r1forge.activities.store;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What an artifact holds; its wire name is the first segment of every {@link ArtifactId}. */
public enum ArtifactKind {
    /** Hugging Face layout: config.json, model.safetensors, tokenizer.json, generation_config.json. */
    CHECKPOINT("checkpoint"),
    /** JSONL samples with per-sample provenance (e.g. stage 4a's SFT data). */
    DATASET("dataset"),
    EVAL_REPORT("eval-report"),
    METRICS("metrics"),
    /** Resumable training state (optimizer moments, step, data cursor, RNG) stored beside a checkpoint. */
    TRAIN_STATE("train-state");

    private final String wireName;

    ArtifactKind(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static ArtifactKind fromWireName(String name) {
        for (ArtifactKind kind : values()) {
            if (kind.wireName.equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown artifact kind '" + name
                + "' (expected checkpoint, dataset, eval-report, metrics or train-state)");
    }
}
