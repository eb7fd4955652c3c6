package io.r1forge.stages.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The commit protocol of a stage's output directory: a stage writes its files (checkpoint, data, report,
 * training state) and, last, the marker {@code _COMPLETE} (written to a temporary file, then renamed, so it
 * appears whole or not at all). A directory without the marker is unfinished: readers ignore it and a rerun
 * resumes from its training state.
 */
public final class StageOutput {
    public static final String MARKER = "_COMPLETE";

    private StageOutput() {}

    public static boolean isComplete(Path dir) {
        return Files.isRegularFile(dir.resolve(MARKER));
    }

    /** Writes the marker with {@code summaryJson} as its content (what the stage produced, its metrics). */
    public static void commit(Path dir, String summaryJson) {
        writeAtomically(dir.resolve(MARKER), summaryJson);
    }

    /** Reads the marker's summary; fails if the stage is not complete. */
    public static String summary(Path dir) {
        try {
            return Files.readString(dir.resolve(MARKER), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("stage output " + dir + " is not complete", e);
        }
    }

    /** Writes {@code text} to a sibling temporary file and renames it over {@code target}. */
    public static void writeAtomically(Path target, String text) {
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            move(tmp, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** {@link Files#createDirectories} with an unchecked error naming the directory. */
    public static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    /** Renames atomically where the file system can, else replaces. */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
