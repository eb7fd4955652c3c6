package io.r1forge.activities.store;

import io.r1forge.activities.embedded.EmbeddedS3;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Throughput of the artifact store against the embedded S3 server on the same disk, next to a plain
 * {@link Files#copy}: {@code java ... io.r1forge.activities.store.StoreBench [sizeMB] [repeats]}. Prints one line
 * per measurement and the ratios (a benchmark entry point, like the CLI, so it writes to stdout).
 */
public final class StoreBench {
    /** Best-of-N seconds of each operation on one file. */
    public record Result(long bytes, double copySeconds, double uploadSeconds, double downloadSeconds,
            double verifySeconds, double smallPutMillis) {
        double mbps(double seconds) {
            return bytes / 1e6 / seconds;
        }
    }

    private StoreBench() {}

    public static void main(String[] args) throws Exception {
        int sizeMb = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Result r = run(sizeMb, repeats);
        System.out.printf("file %d MB, best of %d%n", r.bytes() / 1_000_000, repeats);
        System.out.printf("Files.copy        %8.1f MB/s%n", r.mbps(r.copySeconds()));
        System.out.printf("S3 upload+sha256  %8.1f MB/s  (%.2f x copy)%n", r.mbps(r.uploadSeconds()),
                r.copySeconds() / r.uploadSeconds());
        System.out.printf("S3 download+sha256%8.1f MB/s  (%.2f x copy)%n", r.mbps(r.downloadSeconds()),
                r.copySeconds() / r.downloadSeconds());
        System.out.printf("S3 verify (stream)%8.1f MB/s%n", r.mbps(r.verifySeconds()));
        System.out.printf("small put latency %8.1f ms%n", r.smallPutMillis());
    }

    public static Result run(int sizeMb, int repeats) throws Exception {
        Path root = Files.createTempDirectory("r1-store-bench");
        try (EmbeddedS3 s3 = new EmbeddedS3(root.resolve("s3"), "127.0.0.1", 0, S3Config.DEFAULT_ACCESS_KEY,
                S3Config.DEFAULT_SECRET_KEY).start();
                S3Blobs blobs = new S3Blobs(S3Config.embedded(s3.endpoint()), RetryPolicy.DEFAULT)) {
            blobs.ensureBucket();
            Path src = root.resolve("src.bin");
            byte[] block = new byte[1 << 20];
            new Random(1).nextBytes(block);
            try (OutputStream out = Files.newOutputStream(src)) {
                for (int i = 0; i < sizeMb; i++) {
                    out.write(block);
                }
            }
            double copy = Double.MAX_VALUE, up = Double.MAX_VALUE, down = Double.MAX_VALUE, verify = Double.MAX_VALUE;
            for (int i = 0; i < repeats; i++) {
                copy = Math.min(copy, time(() -> Files.copy(src, root.resolve("copy.bin"),
                        StandardCopyOption.REPLACE_EXISTING)));
                up = Math.min(up, time(() -> blobs.putFile("bench/big.bin", src)));
                down = Math.min(down, time(() -> blobs.streamHashed("bench/big.bin",
                        () -> Files.newOutputStream(root.resolve("down.bin")))));
                verify = Math.min(verify, time(() -> blobs.streamHashed("bench/big.bin", null)));
            }
            double small = time(() -> {
                for (int i = 0; i < 20; i++) {
                    blobs.putBytes("bench/small-" + i, new byte[100]);
                }
            }) * 1000 / 20;
            return new Result(Files.size(src), copy, up, down, verify, small);
        } finally {
            deleteTree(root);
        }
    }

    private interface Timed {
        void run() throws Exception;
    }

    private static double time(Timed op) throws Exception {
        long t0 = System.nanoTime();
        op.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
