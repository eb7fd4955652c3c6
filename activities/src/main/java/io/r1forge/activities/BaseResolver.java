package io.r1forge.activities;

import io.r1forge.activities.store.ArtifactDraft;
import io.r1forge.activities.store.ArtifactExistsException;
import io.r1forge.activities.store.ArtifactId;
import io.r1forge.activities.store.ArtifactKind;
import io.r1forge.activities.store.ArtifactStore;
import io.r1forge.activities.store.Producer;
import io.r1forge.stages.pipeline.TrainingLoop;
import io.r1forge.stages.pretrain.BaseModelCache;
import io.r1forge.stages.pretrain.PretrainStage;
import io.r1forge.stages.spec.PipelineSpec;
import io.r1forge.workflows.ArtifactRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Resolves a model reference of the spec to a committed checkpoint artifact:
 * <ul>
 *   <li>{@code builtin:tiny-base} — addressed by its recipe: {@code checkpoint/by-recipe/tiny-base/<sha16>} with
 *       the sha of the spec's {@code pretrain} config and seed (the key of the stages' {@link BaseModelCache}).
 *       Absent → the pipeline pre-trains it; present in the local base cache (built by {@code r1 stage}) → imported
 *       once, so a base is never trained twice on one machine.</li>
 *   <li>{@code s3://…} — an artifact of this store; must be committed.</li>
 *   <li>a local Hugging Face directory — imported once as {@code checkpoint/by-recipe/imported/<sha16 of its
 *       files>}: the same directory always maps to the same artifact.</li>
 * </ul>
 */
public final class BaseResolver {
    private final ArtifactStore store;
    private final BaseModelCache localCache;

    /** @param localCache bases built by {@code r1 stage} on this machine; null = do not look there */
    public BaseResolver(ArtifactStore store, BaseModelCache localCache) {
        this.store = store;
        this.localCache = localCache;
    }

    /** The recipe id of a builtin base: {@code checkpoint/by-recipe/<name>/<sha16>}. */
    public static ArtifactId builtinId(String reference, PipelineSpec spec) {
        String name = reference.substring("builtin:".length());
        return ArtifactId.byRecipe(ArtifactKind.CHECKPOINT, name, PretrainStage.cacheKey(spec.pretrain()));
    }

    /**
     * The committed checkpoint of {@code reference}; empty only for a builtin base that must be pre-trained.
     *
     * @throws IllegalArgumentException for an s3 reference that is not committed or a directory that is missing
     */
    public Optional<ArtifactRef> resolve(String runId, PipelineSpec spec, String reference) {
        if (reference.startsWith("builtin:")) {
            ArtifactId id = builtinId(reference, spec);
            Optional<ArtifactRef> found = ArtifactRefs.find(store, id);
            if (found.isPresent() || localCache == null) {
                return found;
            }
            return localCache.find(PretrainStage.cacheKey(spec.pretrain()))
                    .map(dir -> importDir(runId, id, dir.resolve(TrainingLoop.CHECKPOINT), reference));
        }
        if (reference.startsWith("s3://")) {
            ArtifactId id = ArtifactRefs.parseUri(store, reference);
            return Optional.of(ArtifactRefs.find(store, id).orElseThrow(() ->
                    new IllegalArgumentException("base model " + reference + ": artifact " + id + " is not committed")));
        }
        Path dir = Path.of(reference);
        if (!Files.isRegularFile(dir.resolve("config.json"))) {
            throw new IllegalArgumentException("base model " + reference
                    + ": not a Hugging Face checkpoint directory (no config.json)");
        }
        return Optional.of(importDir(runId, ArtifactId.byRecipe(ArtifactKind.CHECKPOINT, "imported",
                directorySha256(dir)), dir, reference));
    }

    private ArtifactRef importDir(String runId, ArtifactId id, Path dir, String source) {
        if (!store.exists(id)) {
            try {
                store.commit(ArtifactDraft.builder(id, dir)
                        .producer(new Producer(runId, "import", 1, WorkerIdentity.get()))
                        .configJson("{\"source\": " + quote(source) + "}")
                        .codeVersion(CodeVersion.get())
                        .build());
            } catch (ArtifactExistsException e) {
                // Another run imported the same recipe first with other bytes: the recipe names one base, use it.
                return ArtifactRefs.of(store, id);
            }
        }
        return ArtifactRefs.of(store, id);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** sha256 over every file's relative path and content hash, in path order. */
    static String directorySha256(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            MessageDigest all = MessageDigest.getInstance("SHA-256");
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            for (Path f : files) {
                all.update((dir.relativize(f) + "\n" + fileSha256(f) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(all.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static String fileSha256(Path f) throws IOException, NoSuchAlgorithmException {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(f), d)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(d.digest());
    }
}
