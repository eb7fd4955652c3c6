package io.r1forge.activities.store;

import io.r1forge.activities.embedded.EmbeddedS3;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** A real S3Proxy on a free port over a temp directory, and a store connected to it. */
final class StoreFixture implements AutoCloseable {
    final EmbeddedS3 s3;
    final S3Config config;
    final ArtifactStore store;

    StoreFixture(Path dataDir, RetryPolicy retry) {
        s3 = new EmbeddedS3(dataDir, "127.0.0.1", 0, S3Config.DEFAULT_ACCESS_KEY, S3Config.DEFAULT_SECRET_KEY)
                .start();
        config = S3Config.embedded(s3.endpoint());
        store = ArtifactStore.connect(config, retry);
    }

    /** The file S3Proxy's filesystem blob store keeps for a key: {@code <basedir>/<bucket>/<key>}. */
    Path objectFile(String key) {
        return s3.dataDir().resolve(config.bucket()).resolve(key);
    }

    static void randomFile(Path file, int bytes, long seed) throws IOException {
        byte[] data = new byte[bytes];
        new Random(seed).nextBytes(data);
        Files.createDirectories(file.getParent());
        Files.write(file, data);
    }

    static Producer producer(String run, String stage) {
        return new Producer(run, stage, 1, "test@host");
    }

    @Override
    public void close() throws Exception {
        store.close();
        s3.stop();
    }
}
