package io.r1forge.activities.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to commit: a local directory (every regular file below it becomes part of the artifact) plus its
 * lineage. Build with {@link #builder(ArtifactId, Path)}.
 */
public record ArtifactDraft(
        ArtifactId id,
        Path dir,
        List<ArtifactId> parents,
        Producer producer,
        JsonNode config,
        Map<String, String> rewardVersions,
        String codeVersion,
        long seed,
        Map<String, Double> metricsSummary,
        double wallSeconds) {
    public ArtifactDraft {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(codeVersion, "codeVersion");
        parents = List.copyOf(parents);
        config = config == null ? JsonNodeFactory.instance.objectNode() : config;
        rewardVersions = Map.copyOf(rewardVersions);
        metricsSummary = Map.copyOf(metricsSummary);
    }

    public static Builder builder(ArtifactId id, Path dir) {
        return new Builder(id, dir);
    }

    /** Fluent construction: every lineage field has a default except the producer and code version. */
    public static final class Builder {
        private final ArtifactId id;
        private final Path dir;
        private List<ArtifactId> parents = List.of();
        private Producer producer;
        private JsonNode config;
        private Map<String, String> rewardVersions = Map.of();
        private String codeVersion;
        private long seed;
        private Map<String, Double> metricsSummary = Map.of();
        private double wallSeconds;

        private Builder(ArtifactId id, Path dir) {
            this.id = id;
            this.dir = dir;
        }

        public Builder parents(List<ArtifactId> value) {
            parents = value;
            return this;
        }

        public Builder producer(Producer value) {
            producer = value;
            return this;
        }

        public Builder config(JsonNode value) {
            config = value;
            return this;
        }

        /** The stage config as JSON text; it is stored parsed, so the manifest stays one JSON document. */
        public Builder configJson(String json) {
            config = StoreJson.tree(json);
            return this;
        }

        public Builder rewardVersions(Map<String, String> value) {
            rewardVersions = value;
            return this;
        }

        public Builder codeVersion(String value) {
            codeVersion = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder metricsSummary(Map<String, Double> value) {
            metricsSummary = value;
            return this;
        }

        public Builder wallSeconds(double value) {
            wallSeconds = value;
            return this;
        }

        public ArtifactDraft build() {
            return new ArtifactDraft(id, dir, parents, producer, config, rewardVersions, codeVersion, seed,
                    metricsSummary, wallSeconds);
        }
    }
}
