package io.r1forge.activities.store;

/** A stored file does not match the sha256 (or size) its manifest records, or is missing. */
public final class ArtifactCorruptException extends StoreException {
    private final ArtifactId artifactId;
    private final String file;

    public ArtifactCorruptException(ArtifactId artifactId, String file, String detail) {
        super("artifact " + artifactId + " is corrupt: file " + file + " " + detail);
        this.artifactId = artifactId;
        this.file = file;
    }

    public ArtifactId artifactId() {
        return artifactId;
    }

    /** The file's path inside the artifact, as in the manifest. */
    public String file() {
        return file;
    }
}
