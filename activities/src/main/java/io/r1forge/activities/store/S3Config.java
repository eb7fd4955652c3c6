package io.r1forge.activities.store;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where the artifact store lives. Defaults match the embedded stack ({@code ./r1 up}); production sets
 * the environment ({@code R1_S3_ENDPOINT}, {@code R1_S3_ACCESS_KEY}, {@code R1_S3_SECRET_KEY},
 * {@code R1_S3_BUCKET}, {@code R1_S3_REGION}) or the same names as system properties, lower case with dots
 * ({@code r1.s3.endpoint}); a system property wins over the environment.
 *
 * @param endpoint  e.g. {@code http://127.0.0.1:9000} or {@code https://minio.example:9000}
 * @param region    AWS signature V4 region; S3Proxy and MinIO accept {@code us-east-1}
 */
public record S3Config(String endpoint, String accessKey, String secretKey, String bucket, String region) {
    public static final String DEFAULT_ENDPOINT = "http://127.0.0.1:9000";
    public static final String DEFAULT_ACCESS_KEY = "r1forge";
    public static final String DEFAULT_SECRET_KEY = "r1forge-secret";
    public static final String DEFAULT_BUCKET = "r1forge";
    public static final String DEFAULT_REGION = "us-east-1";

    public S3Config {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(region, "region");
    }

    /** The embedded stack's settings with another endpoint (a test's S3Proxy on a free port). */
    public static S3Config embedded(String endpoint) {
        return new S3Config(endpoint, DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, DEFAULT_BUCKET, DEFAULT_REGION);
    }

    /** Reads system properties, then the process environment, then the embedded defaults. */
    public static S3Config fromEnvironment() {
        return from(System.getenv()::get, System::getProperty);
    }

    static S3Config from(Function<String, String> env, Function<String, String> props) {
        Map<String, String> defaults = Map.of(
                "R1_S3_ENDPOINT", DEFAULT_ENDPOINT,
                "R1_S3_ACCESS_KEY", DEFAULT_ACCESS_KEY,
                "R1_S3_SECRET_KEY", DEFAULT_SECRET_KEY,
                "R1_S3_BUCKET", DEFAULT_BUCKET,
                "R1_S3_REGION", DEFAULT_REGION);
        Function<String, String> get = name -> {
            String prop = props.apply(name.toLowerCase().replace('_', '.'));
            String value = prop != null ? prop : env.apply(name);
            return value == null || value.isBlank() ? defaults.get(name) : value;
        };
        return new S3Config(get.apply("R1_S3_ENDPOINT"), get.apply("R1_S3_ACCESS_KEY"),
                get.apply("R1_S3_SECRET_KEY"), get.apply("R1_S3_BUCKET"), get.apply("R1_S3_REGION"));
    }

    /** Never prints the secret key (configs end up in logs). */
    @Override
    public String toString() {
        return "S3Config[endpoint=" + endpoint + ", accessKey=" + accessKey + ", bucket=" + bucket
                + ", region=" + region + "]";
    }
}
