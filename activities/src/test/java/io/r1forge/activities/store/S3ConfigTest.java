package io.r1forge.activities.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

class S3ConfigTest {
    @Test
    void defaultsThenEnvironmentThenSystemProperties() {
        assertEquals(new S3Config("http://127.0.0.1:9000", "r1forge", "r1forge-secret", "r1forge", "us-east-1"),
                S3Config.from(name -> null, name -> null));
        Map<String, String> env = Map.of("R1_S3_ENDPOINT", "https://minio:9000", "R1_S3_BUCKET", "prod");
        Map<String, String> props = Map.of("r1.s3.bucket", "override");
        S3Config c = S3Config.from(env::get, props::get);
        assertEquals("https://minio:9000", c.endpoint());
        assertEquals("override", c.bucket());
        assertEquals("r1forge", c.accessKey());
        assertFalse(c.toString().contains("r1forge-secret"), "secret never printed");
    }

    @Test
    void partSizeSendsSmallFilesInOneRequest() {
        assertEquals(5L << 20, S3Blobs.partSize(20));
        assertEquals(30L << 20, S3Blobs.partSize(30L << 20));
        assertEquals(S3Blobs.PART_SIZE, S3Blobs.partSize(100L << 20));
    }
}
