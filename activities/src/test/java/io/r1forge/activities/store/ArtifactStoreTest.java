package io.r1forge.activities.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactStoreTest {
    @TempDir static Path s3Dir;
    @TempDir Path work;
    static StoreFixture fx;

    @BeforeAll
    static void startS3() {
        fx = new StoreFixture(s3Dir, RetryPolicy.DEFAULT);
    }

    @AfterAll
    static void stopS3() throws Exception {
        fx.close();
    }

    private Path checkpointDir(String name, long seed) throws Exception {
        Path dir = work.resolve(name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), "{\"hidden_size\": 128}");
        StoreFixture.randomFile(dir.resolve("model.safetensors"), 20 * 1024 * 1024 + 17, seed);
        Files.writeString(dir.resolve("tokenizer.json"), "{\"v\":1}");
        StoreFixture.randomFile(dir.resolve("state/adam.bin"), 1000, seed + 1);
        return dir;
    }

    private static ArtifactDraft draft(ArtifactId id, Path dir, String worker) {
        return ArtifactDraft.builder(id, dir)
                .producer(new Producer("run-1", "r1-zero", 1, worker))
                .configJson("{\"beta\": 0.01, \"num_generations\": 8}")
                .rewardVersions(Map.of("accuracy", "1", "format", "1"))
                .codeVersion("v0.1.0-test").seed(42).metricsSummary(Map.of("pass@1", 0.55)).wallSeconds(3.5)
                .build();
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void commitThenFetchRoundTripsBytesAndHashes() throws Exception {
        Path dir = checkpointDir("ckpt", 1);
        ArtifactId id = ArtifactId.forStage(ArtifactKind.CHECKPOINT, "run-1", "r1-zero", 1, "step-000010");
        assertFalse(fx.store.exists(id));
        Manifest m = fx.store.commit(draft(id, dir, "w1"));

        assertTrue(fx.store.exists(id));
        assertEquals(List.of("config.json", "model.safetensors", "state/adam.bin", "tokenizer.json"),
                m.files().stream().map(FileEntry::path).toList());
        for (FileEntry f : m.files()) {
            assertEquals(sha256(dir.resolve(f.path())), f.sha256(), f.path());
            assertEquals(Files.size(dir.resolve(f.path())), f.size());
        }
        Path out = work.resolve("fetched");
        Manifest fetched = fx.store.fetch(id, out);
        assertEquals(m, fetched);
        for (FileEntry f : m.files()) {
            assertArrayEquals(Files.readAllBytes(dir.resolve(f.path())), Files.readAllBytes(out.resolve(f.path())));
        }
        assertEquals(ArtifactKind.CHECKPOINT, fetched.kind());
        assertEquals(0.01, fetched.config().get("beta").asDouble());
        assertEquals(Map.of("pass@1", 0.55), fetched.metricsSummary());
        assertTrue(fx.store.verify(id).ok());
        assertTrue(fx.store.list("checkpoint/run-1/").contains(id));
    }

    @Test
    void configHashIgnoresKeyOrderAndWhitespace() {
        String a = StoreJson.canonicalSha256(StoreJson.tree("{\"b\": 1, \"a\": {\"y\": [1, 2], \"x\": \"s\"}}"));
        String b = StoreJson.canonicalSha256(StoreJson.tree("{\"a\":{\"x\":\"s\",\"y\":[1,2]},\"b\":1}"));
        String c = StoreJson.canonicalSha256(StoreJson.tree("{\"a\":{\"x\":\"s\",\"y\":[2,1]},\"b\":1}"));
        assertEquals(a, b);
        assertNotEquals(a, c);
        String expected = Hashing.sha256("{\"a\":{\"x\":\"s\",\"y\":[1,2]},\"b\":1}".getBytes(StandardCharsets.UTF_8));
        assertEquals(expected, a);
    }

    @Test
    void failedUploadLeavesNoManifestSoArtifactDoesNotExist() throws Exception {
        Path dir = checkpointDir("partial", 2);
        ArtifactId id = ArtifactId.forStage(ArtifactKind.CHECKPOINT, "run-1", "r1-zero", 1, "step-000020");
        CommitListener dieOnThirdFile = new CommitListener() {
            @Override
            public void beforeFile(String path, long size) {
                if (path.equals("state/adam.bin")) {
                    throw new IllegalStateException("worker killed");
                }
            }
        };
        assertThrows(IllegalStateException.class, () -> fx.store.commit(draft(id, dir, "w1"), dieOnThirdFile));

        assertTrue(fx.store.blobs().exists(ArtifactStore.fileKey(id, "model.safetensors")), "files went up first");
        assertFalse(fx.store.exists(id));
        assertFalse(fx.store.list("checkpoint/run-1/").contains(id));
        assertThrows(ArtifactNotFoundException.class, () -> fx.store.fetch(id, work.resolve("x")));

        fx.store.commit(draft(id, dir, "w2"));
        assertTrue(fx.store.exists(id), "a retried attempt commits over the leftovers");
    }

    @Test
    void committedArtifactsAreImmutableButIdenticalRecommitIsIdempotent() throws Exception {
        Path dir = checkpointDir("immutable", 3);
        ArtifactId id = ArtifactId.forStage(ArtifactKind.CHECKPOINT, "run-1", "r1-zero", 2, "final");
        Manifest first = fx.store.commit(draft(id, dir, "w1"));

        Manifest again = fx.store.commit(draft(id, dir, "another-worker"));
        assertEquals(first, again, "identical content returns the stored manifest unchanged");

        Files.writeString(dir.resolve("config.json"), "{\"hidden_size\": 256}");
        ArtifactExistsException e = assertThrows(ArtifactExistsException.class,
                () -> fx.store.commit(draft(id, dir, "w1")));
        assertEquals(id, e.artifactId());
        assertTrue(e.getMessage().contains(id.value()), e.getMessage());
        assertEquals(first, fx.store.manifest(id), "stored artifact untouched");
    }

    @Test
    void flippedByteOnDiskIsDetectedByFetchAndVerify() throws Exception {
        Path dir = checkpointDir("corrupt", 4);
        ArtifactId id = ArtifactId.forStage(ArtifactKind.CHECKPOINT, "run-2", "rs-sft", 1, "final");
        fx.store.commit(draft(id, dir, "w1"));
        Path stored = fx.objectFile(ArtifactStore.fileKey(id, "model.safetensors"));
        assertTrue(Files.isRegularFile(stored), "S3Proxy keeps objects as plain files: " + stored);
        try (RandomAccessFile raf = new RandomAccessFile(stored.toFile(), "rw")) {
            raf.seek(12_345_678);
            int b = raf.read();
            raf.seek(12_345_678);
            raf.write(b ^ 0x01);
        }
        Files.delete(fx.objectFile(ArtifactStore.fileKey(id, "tokenizer.json")));

        ArtifactCorruptException e = assertThrows(ArtifactCorruptException.class,
                () -> fx.store.fetch(id, work.resolve("out")));
        assertEquals(id, e.artifactId());
        assertEquals("model.safetensors", e.file());
        assertTrue(e.getMessage().contains(id.value()) && e.getMessage().contains("model.safetensors"));

        VerifyReport report = fx.store.verify(id);
        assertFalse(report.ok());
        Map<String, VerifyReport.Status> status = new java.util.TreeMap<>();
        report.files().forEach(f -> status.put(f.path(), f.status()));
        assertEquals(Map.of("config.json", VerifyReport.Status.OK,
                "model.safetensors", VerifyReport.Status.MISMATCH,
                "state/adam.bin", VerifyReport.Status.OK,
                "tokenizer.json", VerifyReport.Status.MISSING), status);
    }

    @Test
    void artifactIdsAreValidated() {
        assertEquals("checkpoint/by-recipe/tiny-base/0123456789abcdef",
                ArtifactId.byRecipe(ArtifactKind.CHECKPOINT, "tiny-base", "0123456789abcdef0123").value());
        assertEquals(ArtifactKind.EVAL_REPORT, ArtifactId.parse("eval-report/run-1/eval/attempt-1/final").kind());
        assertThrows(IllegalArgumentException.class, () -> ArtifactId.parse("checkpoint/run/files/x"));
        assertThrows(IllegalArgumentException.class, () -> ArtifactId.parse("model/run/x"));
        assertThrows(IllegalArgumentException.class, () -> ArtifactId.parse("checkpoint/../x"));
        assertThrows(IllegalArgumentException.class, () -> ArtifactId.parse("checkpoint"));
    }
}
