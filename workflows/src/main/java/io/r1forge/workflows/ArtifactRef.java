package io.r1forge.workflows;

import java.util.Objects;

/**
 * A committed, immutable artifact in the store, by reference: activities pass these, never data (DESIGN §4).
 *
 * @param id     artifact id, unique in the store (e.g. {@code run-7/R1_ZERO/a2/checkpoint})
 * @param kind   one of the {@code KIND_*} constants: checkpoint | dataset | eval-report | metrics | train-state
 * @param uri    {@code s3://bucket/key-prefix} under which the artifact's files and its {@code manifest.json} live
 * @param sha256 hex sha256 of the manifest, which lists the sha256 of every file: one hash pins the whole artifact
 */
public record ArtifactRef(String id, String kind, String uri, String sha256) {
    public static final String KIND_CHECKPOINT = "checkpoint";
    public static final String KIND_DATASET = "dataset";
    public static final String KIND_EVAL_REPORT = "eval-report";
    public static final String KIND_METRICS = "metrics";
    public static final String KIND_TRAIN_STATE = "train-state";

    public ArtifactRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(uri, "uri");
    }
}
