package io.r1forge.activities.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.errors.MinioException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedS3Test {
    @TempDir Path dataDir;

    @Test
    void servesSignedRequestsAndKeepsDataAcrossRestartOnSamePort() throws Exception {
        try (EmbeddedS3 s3 = new EmbeddedS3(dataDir, "127.0.0.1", 0, "key", "secret-key").start()) {
            int port = s3.port();
            assertNotEquals(0, port);
            MinioClient client = MinioClient.builder().endpoint(s3.endpoint())
                    .credentials("key", "secret-key").region("us-east-1").build();
            client.makeBucket(MakeBucketArgs.builder().bucket("bkt").build());
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            client.putObject(PutObjectArgs.builder().bucket("bkt").object("dir/x.txt").data(body, body.length).build());
            assertArrayEquals(body, Files.readAllBytes(dataDir.resolve("bkt/dir/x.txt")), "objects are plain files");

            s3.stop();
            assertFalse(s3.isRunning());
            // minio 9 reports a refused connection as an unchecked IllegalStateException, not a MinioException.
            Exception down = assertThrows(Exception.class,
                    () -> client.bucketExists(BucketExistsArgs.builder().bucket("bkt").build()));
            assertTrue(hasCause(down, ConnectException.class), down.toString());

            s3.start();
            assertEquals(port, s3.port());
            try (GetObjectResponse in = client.getObject(GetObjectArgs.builder().bucket("bkt").object("dir/x.txt").build())) {
                assertArrayEquals(body, in.readAllBytes());
            }
        }
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void rejectsWrongCredentials() throws Exception {
        try (EmbeddedS3 s3 = new EmbeddedS3(dataDir, "127.0.0.1", 0, "key", "secret-key").start()) {
            MinioClient client = MinioClient.builder().endpoint(s3.endpoint())
                    .credentials("key", "wrong-secret").region("us-east-1").build();
            MinioException e = assertThrows(MinioException.class,
                    () -> client.makeBucket(MakeBucketArgs.builder().bucket("bkt").build()));
            assertTrue(e.toString().contains("SignatureDoesNotMatch") || e.toString().contains("403"), e.toString());
        }
    }
}
