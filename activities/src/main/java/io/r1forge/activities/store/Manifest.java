package io.r1forge.activities.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The lineage record of one artifact, stored as {@code artifacts/<id>/manifest.json} and written last: its
 * presence is the commit (DESIGN §4).
 *
 * @param formatVersion  {@value #FORMAT_VERSION}; bumped when a field changes meaning
 * @param parents        artifacts this one was made from (base checkpoint, data set, ...)
 * @param config         the producing stage's full config, as JSON
 * @param configSha256   sha256 of {@code config} in canonical form (keys sorted, no whitespace)
 * @param rewardVersions reward function name → version string, e.g. {@code accuracy → 1}
 * @param codeVersion    {@code git describe} or the jar's implementation version
 * @param metricsSummary final metrics, e.g. {@code pass@1 → 0.55}
 * @param wallSeconds    wall time of the producing activity
 * @param files          every file with size and sha256, sorted by path
 */
public record Manifest(
        int formatVersion,
        ArtifactId id,
        ArtifactKind kind,
        List<ArtifactId> parents,
        Producer producer,
        JsonNode config,
        String configSha256,
        Map<String, String> rewardVersions,
        String codeVersion,
        long seed,
        Map<String, Double> metricsSummary,
        double wallSeconds,
        Instant createdAt,
        List<FileEntry> files) {
    public static final int FORMAT_VERSION = 1;

    public Manifest {
        Objects.requireNonNull(id, "id");
        parents = List.copyOf(parents);
        rewardVersions = Map.copyOf(rewardVersions);
        metricsSummary = Map.copyOf(metricsSummary);
        files = List.copyOf(files);
    }

    /**
     * Same content as {@code other}: identical files (path, size, sha256) and identical lineage inputs (kind,
     * parents, config hash, seed, reward and code versions). Producer, timings and metrics are not compared:
     * a retried attempt on another worker that reproduces the bytes is the same artifact.
     */
    public boolean sameContent(Manifest other) {
        return id.equals(other.id) && kind == other.kind && parents.equals(other.parents)
                && Objects.equals(configSha256, other.configSha256) && seed == other.seed
                && rewardVersions.equals(other.rewardVersions)
                && Objects.equals(codeVersion, other.codeVersion) && files.equals(other.files);
    }

    public long totalBytes() {
        return files.stream().mapToLong(FileEntry::size).sum();
    }

    public byte[] toJsonBytes() {
        return StoreJson.write(this);
    }

    public static Manifest fromJson(byte[] json) {
        return StoreJson.read(json, Manifest.class, "manifest");
    }
}
