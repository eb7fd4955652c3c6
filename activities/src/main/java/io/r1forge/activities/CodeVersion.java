package io.r1forge.activities;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The code version recorded in every lineage manifest, resolved once per JVM, first match wins:
 * <ol>
 *   <li>the jar manifest's {@code Implementation-Version} (a packaged release or container image);</li>
 *   <li>{@code git describe --always --dirty --tags} of the checkout that {@code ./r1} runs from (system property
 *       {@code r1.home}, set by the launcher): {@code ./r1} runs from {@code target/classes}, where no jar manifest
 *       exists, and the commit is what a reader of the lineage needs to rebuild the artifact;</li>
 *   <li>the Maven version from the module's {@code pom.properties}, marked {@code +unknown-commit};</li>
 *   <li>{@code "development build"}.</li>
 * </ol>
 * A dirty checkout is recorded as such ({@code …-dirty}): an artifact made from uncommitted code cannot be rebuilt
 * exactly, and the manifest should say so.
 */
public final class CodeVersion {
    private static final String POM = "/META-INF/maven/io.r1forge/activities/pom.properties";
    private static volatile String cached;

    private CodeVersion() {}

    public static String get() {
        String v = cached;
        if (v == null) {
            v = resolve();
            cached = v;
        }
        return v;
    }

    private static String resolve() {
        String fromJar = CodeVersion.class.getPackage().getImplementationVersion();
        if (fromJar != null) {
            return fromJar;
        }
        String home = System.getProperty("r1.home");
        if (home != null) {
            String described = gitDescribe(Path.of(home));
            if (described != null) {
                return "git:" + described;
            }
        }
        try (InputStream in = CodeVersion.class.getResourceAsStream(POM)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown") + "+unknown-commit";
            }
        } catch (IOException e) {
            return "development build";
        }
        return "development build";
    }

    /** {@code git describe}, or null when {@code dir} is not a checkout or git is missing. */
    static String gitDescribe(Path dir) {
        if (!Files.isDirectory(dir.resolve(".git"))) {
            return null;
        }
        try {
            Process p = new ProcessBuilder("git", "-C", dir.toString(), "describe", "--always", "--dirty", "--tags")
                    .redirectErrorStream(true)
                    .start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            String s = new String(out, StandardCharsets.UTF_8).strip();
            return s.isEmpty() ? null : s;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
