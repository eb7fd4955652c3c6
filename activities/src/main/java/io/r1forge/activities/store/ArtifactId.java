package io.r1forge.activities.store;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Immutable name of an artifact: a {@code /}-separated path whose first segment is the kind.
 *
 * <p>Two schemes:
 * <ul>
 *   <li><b>Produced by a stage</b> — {@code <kind>/<runId>/<stage>/attempt-<n>/<name>}, e.g.
 *       {@code checkpoint/run-7f3a/r1-zero/attempt-2/step-000120}. The id is a function of the producer's
 *       coordinates (run, stage, attempt, step), not of the content, so a retried activity recomputes the
 *       same id: re-committing identical content is a no-op and different content is refused, instead of a
 *       non-deterministic retry silently forking a second artifact.</li>
 *   <li><b>Addressed by its recipe</b> — {@code <kind>/by-recipe/<name>/<sha16>}, where {@code sha16} is the first
 *       16 hex digits of the sha256 of what determines the content (e.g. the canonical config JSON plus seed).
 *       The tiny base model is built once and found again by its config and seed (DESIGN §3).</li>
 * </ul>
 * Segments use {@code [A-Za-z0-9][A-Za-z0-9._=+-]*}; no segment may be {@code files}, which separates an
 * artifact's id from its file paths in S3 keys ({@code artifacts/<id>/files/<path>}).
 */
public record ArtifactId(String value) implements Comparable<ArtifactId> {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._=+-]*");
    private static final String RECIPE = "by-recipe";

    @JsonCreator
    public ArtifactId {
        List<String> segments = List.of(value.split("/", -1));
        if (segments.size() < 2 || segments.size() > 8) {
            throw new IllegalArgumentException("artifact id '" + value + "' must have 2 to 8 segments");
        }
        for (String s : segments) {
            if (!SEGMENT.matcher(s).matches() || s.equals("files")) {
                throw new IllegalArgumentException("artifact id '" + value + "' has an invalid segment '" + s
                        + "' (allowed: " + SEGMENT.pattern() + ", not 'files')");
            }
        }
        ArtifactKind.fromWireName(segments.get(0));
    }

    public static ArtifactId parse(String value) {
        return new ArtifactId(value);
    }

    /** {@code <kind>/<runId>/<stage>/attempt-<attempt>/<name>}; name e.g. {@code step-000120} or {@code final}. */
    public static ArtifactId forStage(ArtifactKind kind, String runId, String stage, int attempt, String name) {
        return new ArtifactId(kind.wireName() + "/" + runId + "/" + stage + "/attempt-" + attempt + "/" + name);
    }

    /** {@code <kind>/by-recipe/<name>/<first 16 hex of recipeSha256>}. */
    public static ArtifactId byRecipe(ArtifactKind kind, String name, String recipeSha256) {
        if (recipeSha256.length() < 16) {
            throw new IllegalArgumentException("recipe hash too short: " + recipeSha256);
        }
        return new ArtifactId(kind.wireName() + "/" + RECIPE + "/" + name + "/" + recipeSha256.substring(0, 16));
    }

    public ArtifactKind kind() {
        return ArtifactKind.fromWireName(value.substring(0, value.indexOf('/')));
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public int compareTo(ArtifactId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
