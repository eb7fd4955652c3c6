package io.r1forge.activities;

import io.r1forge.activities.store.ArtifactId;
import io.r1forge.activities.store.ArtifactNotFoundException;
import io.r1forge.activities.store.ArtifactStore;
import io.r1forge.activities.store.Manifest;
import io.r1forge.workflows.ArtifactRef;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Between the store's {@link Manifest}s and the workflow's {@link ArtifactRef}s. A ref's {@code sha256} is the hash
 * of the stored manifest bytes: the manifest lists every file's sha256, so one hash pins the whole artifact and a
 * swapped manifest is caught before any file is read.
 */
public final class ArtifactRefs {
    /** Key layout of the store ({@code ArtifactStore}): {@code artifacts/<id>/manifest.json}. */
    private static final String ROOT = "artifacts/";

    private ArtifactRefs() {}

    public static ArtifactId id(ArtifactRef ref) {
        return ArtifactId.parse(ref.id());
    }

    /** The ref of a committed artifact, or empty when it has no manifest. */
    public static Optional<ArtifactRef> find(ArtifactStore store, ArtifactId id) {
        return store.blobs().getBytes(manifestKey(id)).map(bytes -> new ArtifactRef(id.value(),
                id.kind().wireName(), uri(store, id), sha256(bytes)));
    }

    /** @throws ArtifactNotFoundException when the artifact is not committed */
    public static ArtifactRef of(ArtifactStore store, ArtifactId id) {
        return find(store, id).orElseThrow(() -> new ArtifactNotFoundException(id));
    }

    /** {@code s3://<bucket>/artifacts/<id>}. */
    public static String uri(ArtifactStore store, ArtifactId id) {
        return "s3://" + store.blobs().config().bucket() + "/" + ROOT + id.value();
    }

    /**
     * The artifact id an {@code s3://} reference names: {@code s3://<bucket>/artifacts/<id>}, {@code
     * s3://<bucket>/<id>} (bucket = the store's), or {@code s3://<id>} when the first segment is a kind.
     *
     * @throws IllegalArgumentException naming the reference when it is not one of those forms
     */
    public static ArtifactId parseUri(ArtifactStore store, String uri) {
        if (!uri.startsWith("s3://")) {
            throw new IllegalArgumentException("not an s3:// reference: " + uri);
        }
        String rest = uri.substring("s3://".length());
        String bucket = store.blobs().config().bucket();
        if (rest.startsWith(bucket + "/")) {
            rest = rest.substring(bucket.length() + 1);
        }
        if (rest.startsWith(ROOT)) {
            rest = rest.substring(ROOT.length());
        }
        while (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        try {
            return ArtifactId.parse(rest);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("s3 reference " + uri + " does not name an artifact in bucket "
                    + bucket + ": " + e.getMessage(), e);
        }
    }

    /** True when the stored manifest still hashes to the ref's {@code sha256} (a null sha256 is not checked). */
    public static boolean manifestMatches(ArtifactStore store, ArtifactRef ref) {
        Optional<byte[]> bytes = store.blobs().getBytes(manifestKey(id(ref)));
        return bytes.isPresent() && (ref.sha256() == null || ref.sha256().equals(sha256(bytes.get())));
    }

    static String manifestKey(ArtifactId id) {
        return ROOT + id.value() + "/manifest.json";
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
