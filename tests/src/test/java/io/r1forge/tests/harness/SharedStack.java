package io.r1forge.tests.harness;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects one {@link EmbeddedStack} shared by every test class of the module and closes it after the last one.
 * Sharing it is what keeps the module fast: the tiny base is pre-trained once, committed by its recipe, and found
 * again by every later run. Fault tests put the stack back as they found it (S3 up, Temporal up).
 *
 * <p>The data live under {@code target/e2e/<timestamp>} (not a temp dir that vanishes), so the worker logs and
 * the S3 objects of a failed CI run can be read afterwards.
 */
public final class SharedStack implements ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SharedStack.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NS)
                .getOrComputeIfAbsent(EmbeddedStack.class, k -> start(), EmbeddedStack.class);
    }

    private static EmbeddedStack start() {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return EmbeddedStack.start(Path.of("target", "e2e", stamp));
    }
}
