package io.r1forge.stages.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes a directory all at once: files go to a sibling {@code <dir>.tmp}, which replaces {@code dir} by rename
 * only when complete. A crash leaves the old directory (or, in the instant between the two renames, only
 * {@code <dir>.old}), never a half-written directory under the final name.
 */
public final class AtomicDirectory {
    /** Fills the temporary directory it is given. */
    @FunctionalInterface
    public interface Writer {
        void write(Path tmpDir) throws IOException;
    }

    private AtomicDirectory() {}

    public static void write(Path dir, Writer writer) {
        Path tmp = dir.resolveSibling(dir.getFileName() + ".tmp");
        Path old = dir.resolveSibling(dir.getFileName() + ".old");
        try {
            deleteTree(tmp);
            Files.createDirectories(tmp);
            writer.write(tmp);
            deleteTree(old);
            if (Files.exists(dir)) {
                Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(old);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write directory " + dir, e);
        }
    }

    /** Deletes a file tree if present. */
    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
