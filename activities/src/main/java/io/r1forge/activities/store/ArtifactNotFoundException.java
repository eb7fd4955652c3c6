package io.r1forge.activities.store;

/** No manifest for this id: the artifact was never committed (or its commit did not finish). */
public final class ArtifactNotFoundException extends StoreException {
    private final ArtifactId artifactId;

    public ArtifactNotFoundException(ArtifactId artifactId) {
        super("artifact " + artifactId + " does not exist (no manifest)");
        this.artifactId = artifactId;
    }

    public ArtifactId artifactId() {
        return artifactId;
    }
}
