package io.r1forge.activities.store;

/** A commit named an artifact id that is already committed with different content: artifacts are immutable. */
public final class ArtifactExistsException extends StoreException {
    private final ArtifactId artifactId;

    public ArtifactExistsException(ArtifactId artifactId, String difference) {
        super("artifact " + artifactId + " is already committed with different content (" + difference
                + "); artifacts are immutable: commit under a new id (next attempt or step)");
        this.artifactId = artifactId;
    }

    public ArtifactId artifactId() {
        return artifactId;
    }
}
