package io.r1forge.activities.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The S3 server goes away mid-commit and comes back on the same port and directory. */
class S3OutageTest {
    @TempDir Path s3Dir;
    @TempDir Path work;

    @Test
    void uploadSurvivesFiveSecondOutage() throws Exception {
        try (StoreFixture fx = new StoreFixture(s3Dir, RetryPolicy.DEFAULT)) {
            Path dir = work.resolve("ckpt");
            StoreFixture.randomFile(dir.resolve("a.bin"), 1024, 1);
            StoreFixture.randomFile(dir.resolve("b.bin"), 40 * 1024 * 1024, 2);
            ArtifactId id = ArtifactId.forStage(ArtifactKind.CHECKPOINT, "run-o", "r1-zero", 1, "final");
            CompletableFuture<Void> outage = new CompletableFuture<>();
            CommitListener pullThePlug = new CommitListener() {
                @Override
                public void beforeFile(String path, long size) {
                    if (path.equals("b.bin")) {
                        outage.completeAsync(() -> {
                            sleep(150);
                            fx.s3.stop();
                            sleep(5_000);
                            fx.s3.start();
                            return null;
                        });
                    }
                }
            };
            long t0 = System.nanoTime();
            Manifest m = fx.store.commit(ArtifactDraft.builder(id, dir).producer(StoreFixture.producer("run-o", "s"))
                    .codeVersion("t").build(), pullThePlug);
            outage.get(30, TimeUnit.SECONDS);
            assertTrue(System.nanoTime() - t0 > 4_000_000_000L, "the commit waited out the outage");
            assertEquals(2, m.files().size());
            assertTrue(fx.store.verify(id).ok());
            assertEquals(m, fx.store.fetch(id, work.resolve("out")));
            assertEquals(Hashing.sha256(dir.resolve("b.bin")), Hashing.sha256(work.resolve("out/b.bin")));
        }
    }

    @Test
    void givesUpAfterTheDeadline() throws Exception {
        try (StoreFixture fx = new StoreFixture(s3Dir, RetryPolicy.DEFAULT.withDeadline(Duration.ofSeconds(2)))) {
            fx.s3.stop();
            long t0 = System.nanoTime();
            StoreException e = assertThrows(StoreException.class,
                    () -> fx.store.exists(ArtifactId.parse("checkpoint/r/s/attempt-1/x")));
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
            assertTrue(seconds < 20, "gave up after " + seconds + " s");
            assertTrue(e.getMessage().contains("deadline 2 s"), e.getMessage());
            fx.s3.start();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
