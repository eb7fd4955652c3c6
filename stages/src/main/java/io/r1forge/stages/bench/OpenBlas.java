package io.r1forge.stages.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Finds or provisions OpenBLAS for the Python reference.
 *
 * <p>Debian's torch links {@code libblas.so.3}, which resolves to the reference BLAS (~5 GFLOP/s, training ~22×
 * slower; DESIGN §6). Putting the directory of OpenBLAS's {@code libblas.so.3} on {@code LD_LIBRARY_PATH} makes
 * torch use it without root: an installed {@code openblas-*} alternative is used as is, otherwise
 * {@code libopenblas0-openmp} is fetched with {@code apt-get download} and unpacked with {@code dpkg -x} into a
 * cache directory (OpenMP flavour: torch itself runs on libgomp).
 */
final class OpenBlas {
    static final String PACKAGE = "libopenblas0-openmp";
    private static final String LIB = "libblas.so.3";
    private static final List<Path> SYSTEM_DIRS = List.of(
            Path.of("/usr/lib/x86_64-linux-gnu/openblas-openmp"),
            Path.of("/usr/lib/x86_64-linux-gnu/openblas-pthread"),
            Path.of("/usr/lib/aarch64-linux-gnu/openblas-openmp"),
            Path.of("/usr/lib/aarch64-linux-gnu/openblas-pthread"));

    private OpenBlas() {}

    /** Default cache: {@code ~/.cache/r1forge/openblas}. */
    static Path defaultCache() {
        return Path.of(System.getProperty("user.home"), ".cache", "r1forge", "openblas");
    }

    /** The directory holding OpenBLAS's {@code libblas.so.3}, provisioning it into {@code cache} if needed. */
    static Optional<Path> locate(Path cache, PrintWriter progress) {
        for (Path dir : SYSTEM_DIRS) {
            if (Files.isRegularFile(dir.resolve(LIB))) {
                return Optional.of(dir);
            }
        }
        Optional<Path> cached = find(cache);
        if (cached.isPresent()) {
            return cached;
        }
        try {
            progress.println("bench: fetching " + PACKAGE + " into " + cache + " (apt-get download + dpkg -x)");
            progress.flush();
            Path debs = Files.createDirectories(cache.resolve("deb"));
            run(debs, "apt-get", "download", PACKAGE);
            try (Stream<Path> files = Files.list(debs)) {
                for (Path deb : files.filter(p -> p.toString().endsWith(".deb")).toList()) {
                    run(cache, "dpkg", "-x", deb.toString(), cache.resolve("root").toString());
                }
            }
        } catch (IOException e) {
            progress.println("bench: WARNING: cannot provision OpenBLAS: " + e.getMessage());
            return Optional.empty();
        }
        return find(cache);
    }

    private static Optional<Path> find(Path cache) {
        if (!Files.isDirectory(cache)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(cache)) {
            return files.filter(p -> p.getFileName().toString().equals(LIB))
                    .filter(p -> p.getParent().getFileName().toString().startsWith("openblas"))
                    .map(Path::getParent)
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void run(Path dir, String... command) throws IOException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " timed out");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }
}
