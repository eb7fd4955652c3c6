package io.r1forge.activities.store;

import java.util.List;

/** Result of {@link ArtifactStore#verify}: one check per manifest file. */
public record VerifyReport(ArtifactId id, List<FileCheck> files) {
    public enum Status { OK, MISMATCH, MISSING }

    /**
     * @param expectedSha256 from the manifest
     * @param actualSha256   of the stored bytes; null when the object is missing
     */
    public record FileCheck(String path, Status status, String expectedSha256, String actualSha256) {}

    public VerifyReport {
        files = List.copyOf(files);
    }

    public boolean ok() {
        return files.stream().allMatch(f -> f.status() == Status.OK);
    }

    public List<FileCheck> problems() {
        return files.stream().filter(f -> f.status() != Status.OK).toList();
    }
}
