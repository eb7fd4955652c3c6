package io.r1forge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The project version for {@code r1 --version}: the package's {@code Implementation-Version} when run from a jar
 * that declares one, else the Maven {@code pom.properties} that every built module jar carries (./r1 puts the
 * stages and workflows jars on the class path), else "development build".
 */
final class R1Version implements IVersionProvider {
    private static final String[] POM_PROPERTIES = {
        "/META-INF/maven/io.r1forge/activities/pom.properties",
        "/META-INF/maven/io.r1forge/stages/pom.properties",
    };

    @Override
    public String[] getVersion() throws IOException {
        return new String[] {"R1 Forge " + version(), "Java " + Runtime.version()};
    }

    static String version() throws IOException {
        String fromManifest = R1Command.class.getPackage().getImplementationVersion();
        if (fromManifest != null) {
            return fromManifest;
        }
        for (String resource : POM_PROPERTIES) {
            try (InputStream in = R1Version.class.getResourceAsStream(resource)) {
                if (in != null) {
                    Properties p = new Properties();
                    p.load(in);
                    return p.getProperty("version", "unknown");
                }
            }
        }
        return "development build";
    }
}
