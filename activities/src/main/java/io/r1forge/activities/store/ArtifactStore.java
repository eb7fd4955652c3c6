package io.r1forge.activities.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Immutable, verified artifacts in S3 (DESIGN §4).
 *
 * <p>Layout in the bucket: {@code artifacts/<id>/files/<path>} for each file and {@code artifacts/<id>/manifest.json}
 * written last. The manifest is the commit: an artifact without one does not exist for readers, so a commit
 * that dies mid-way leaves only invisible files that the next attempt overwrites. Every file's sha256 is
 * computed while it uploads and checked again on every download.
 *
 * <p>Idempotence: committing an id that already has a manifest returns the existing manifest when the content
 * is the same ({@link Manifest#sameContent}: files byte-identical by sha256, same lineage inputs) and throws
 * {@link ArtifactExistsException} otherwise. Two writers racing on one id are not arbitrated: the ids are
 * per (run, stage, attempt, step), which has one writer at a time.
 */
public final class ArtifactStore implements AutoCloseable {
    static final String ROOT = "artifacts/";
    private static final String MANIFEST = "manifest.json";

    private final S3Blobs blobs;

    public ArtifactStore(S3Blobs blobs) {
        this.blobs = blobs;
    }

    /** Connects with the default retry policy and creates the bucket if it is missing. */
    public static ArtifactStore connect(S3Config config) {
        return connect(config, RetryPolicy.DEFAULT);
    }

    public static ArtifactStore connect(S3Config config, RetryPolicy retry) {
        S3Blobs blobs = new S3Blobs(config, retry);
        blobs.ensureBucket();
        return new ArtifactStore(blobs);
    }

    public S3Blobs blobs() {
        return blobs;
    }

    public Manifest commit(ArtifactDraft draft) {
        return commit(draft, CommitListener.NONE);
    }

    /** Uploads every regular file under {@code draft.dir()}, then writes the manifest (the commit). */
    public Manifest commit(ArtifactDraft draft, CommitListener listener) {
        List<String> paths = localFiles(draft.dir());
        Optional<Manifest> existing = find(draft.id());
        if (existing.isPresent()) {
            return sameOrFail(existing.get(), draft, paths);
        }
        List<FileEntry> files = new ArrayList<>();
        for (String path : paths) {
            Path file = draft.dir().resolve(path);
            long size = size(file);
            listener.beforeFile(path, size);
            String sha = blobs.putFile(fileKey(draft.id(), path), file);
            FileEntry entry = new FileEntry(path, size, sha);
            files.add(entry);
            listener.afterFile(entry);
        }
        Manifest manifest = manifestOf(draft, files, Instant.now());
        blobs.putBytes(manifestKey(draft.id()), manifest.toJsonBytes());
        return manifest;
    }

    private Manifest sameOrFail(Manifest existing, ArtifactDraft draft, List<String> paths) {
        List<FileEntry> local = new ArrayList<>();
        for (String path : paths) {
            Path file = draft.dir().resolve(path);
            try {
                local.add(new FileEntry(path, Files.size(file), Hashing.sha256(file)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot hash " + file, e);
            }
        }
        Manifest candidate = manifestOf(draft, local, existing.createdAt());
        if (candidate.sameContent(existing)) {
            return existing;
        }
        throw new ArtifactExistsException(draft.id(), describeDifference(existing, candidate));
    }

    private static String describeDifference(Manifest a, Manifest b) {
        if (!a.files().equals(b.files())) {
            return "files differ: stored " + a.files().size() + " files / " + a.totalBytes() + " bytes, new "
                    + b.files().size() + " files / " + b.totalBytes() + " bytes";
        }
        if (!a.parents().equals(b.parents())) {
            return "parents differ: " + a.parents() + " vs " + b.parents();
        }
        return "lineage differs (config hash, seed, reward or code version)";
    }

    private static Manifest manifestOf(ArtifactDraft d, List<FileEntry> files, Instant createdAt) {
        return new Manifest(Manifest.FORMAT_VERSION, d.id(), d.id().kind(), d.parents(), d.producer(), d.config(),
                StoreJson.canonicalSha256(d.config()), d.rewardVersions(), d.codeVersion(), d.seed(),
                d.metricsSummary(), d.wallSeconds(), createdAt, files);
    }

    /** True when the manifest exists, i.e. the artifact is committed. */
    public boolean exists(ArtifactId id) {
        return blobs.exists(manifestKey(id));
    }

    public Manifest manifest(ArtifactId id) {
        return find(id).orElseThrow(() -> new ArtifactNotFoundException(id));
    }

    public Optional<Manifest> find(ArtifactId id) {
        return blobs.getBytes(manifestKey(id)).map(Manifest::fromJson);
    }

    /**
     * Downloads every file into {@code localDir} (created if needed), checking each sha256 and size.
     *
     * @throws ArtifactCorruptException naming the artifact and the first bad or missing file
     */
    public Manifest fetch(ArtifactId id, Path localDir) {
        Manifest manifest = manifest(id);
        for (FileEntry entry : manifest.files()) {
            Path target = safeResolve(localDir, entry.path());
            createParent(target);
            Optional<String> sha = blobs.streamHashed(fileKey(id, entry.path()), () -> Files.newOutputStream(target));
            if (sha.isEmpty()) {
                throw new ArtifactCorruptException(id, entry.path(), "is missing from the store");
            }
            if (!sha.get().equals(entry.sha256()) || size(target) != entry.size()) {
                throw new ArtifactCorruptException(id, entry.path(), "has sha256 " + sha.get() + " (" + size(target)
                        + " bytes), manifest says " + entry.sha256() + " (" + entry.size() + " bytes)");
            }
        }
        return manifest;
    }

    /** Re-hashes every stored file by streaming it (nothing written to disk). */
    public VerifyReport verify(ArtifactId id) {
        Manifest manifest = manifest(id);
        List<VerifyReport.FileCheck> checks = new ArrayList<>();
        for (FileEntry entry : manifest.files()) {
            Optional<String> sha = blobs.streamHashed(fileKey(id, entry.path()), null);
            VerifyReport.Status status = sha.isEmpty() ? VerifyReport.Status.MISSING
                    : sha.get().equals(entry.sha256()) ? VerifyReport.Status.OK : VerifyReport.Status.MISMATCH;
            checks.add(new VerifyReport.FileCheck(entry.path(), status, entry.sha256(), sha.orElse(null)));
        }
        return new VerifyReport(id, checks);
    }

    /**
     * Committed artifacts whose id starts with {@code prefix} (e.g. {@code checkpoint/run-7f3a/}; empty for all),
     * in id order. Uncommitted leftovers (files without a manifest) are not listed.
     */
    public List<ArtifactId> list(String prefix) {
        List<ArtifactId> ids = new ArrayList<>();
        for (String key : blobs.list(ROOT + prefix)) {
            String rest = key.substring(ROOT.length());
            if (rest.endsWith("/" + MANIFEST) && !rest.contains("/files/")) {
                ids.add(ArtifactId.parse(rest.substring(0, rest.length() - MANIFEST.length() - 1)));
            }
        }
        return ids;
    }

    /** The DAG of {@code id} and all its ancestors. */
    public LineageGraph lineage(ArtifactId id) {
        return LineageGraph.walk(id, this::find);
    }

    static String manifestKey(ArtifactId id) {
        return ROOT + id.value() + "/" + MANIFEST;
    }

    static String fileKey(ArtifactId id, String path) {
        return ROOT + id.value() + "/files/" + path;
    }

    /** Relative {@code /}-separated paths of all regular files under {@code dir}, sorted. */
    static List<String> localFiles(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list artifact directory " + dir, e);
        }
    }

    // A manifest is data from the network: never let its paths escape the target directory.
    private static Path safeResolve(Path dir, String path) {
        Path target = dir.resolve(path).normalize();
        if (!target.startsWith(dir.normalize())) {
            throw new StoreException("manifest file path escapes the target directory: " + path);
        }
        return target;
    }

    private static void createParent(Path target) {
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + target.getParent(), e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read size of " + file, e);
        }
    }

    @Override
    public void close() throws Exception {
        blobs.close();
    }
}
