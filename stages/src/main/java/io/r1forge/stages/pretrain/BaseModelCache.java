package io.r1forge.stages.pretrain;

import io.r1forge.stages.pipeline.StageOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Pre-trained bases addressed by what made them: {@code key = sha256(pretrainConfigJson + "\n" +
 * corpusConfigJson + "\n" + seed)}, stored under {@code root/<key>} (default {@code ~/.cache/r1forge/bases}).
 * A base exists once its directory carries the {@link StageOutput#MARKER}; an unfinished build keeps its
 * training state there and resumes. A pipeline whose base exists skips pre-training (DESIGN §3: the base is
 * built once and reused).
 */
public final class BaseModelCache {
    private final Path root;

    public BaseModelCache(Path root) {
        this.root = root;
    }

    /** {@code $R1FORGE_BASE_CACHE}, else {@code ~/.cache/r1forge/bases}. */
    public static BaseModelCache defaultCache() {
        String env = System.getenv("R1FORGE_BASE_CACHE");
        return new BaseModelCache(env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "r1forge", "bases"));
    }

    public Path root() {
        return root;
    }

    /** The cache key of a base; configs should be canonical JSON (fixed field order) so equal configs match. */
    public static String key(String pretrainConfigJson, String corpusConfigJson, long seed) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] bytes = (pretrainConfigJson + "\n" + corpusConfigJson + "\n" + seed).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(sha.digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** Where the base with this key lives (complete or not). */
    public Path dir(String key) {
        return root.resolve(key);
    }

    /** The base's directory if it is complete. */
    public Optional<Path> find(String key) {
        Path d = dir(key);
        return StageOutput.isComplete(d) ? Optional.of(d) : Optional.empty();
    }

    /** Creates the directory of an unfinished build (keeping what a killed build left for resuming). */
    public Path prepare(String key) {
        try {
            return Files.createDirectories(dir(key));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create base cache directory " + dir(key), e);
        }
    }
}
