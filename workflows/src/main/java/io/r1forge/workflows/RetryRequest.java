package io.r1forge.workflows;

import java.util.Map;

/**
 * Argument of the {@link PipelineWorkflow#retry} signal.
 *
 * @param stage     the stage to retry; null = the stage that needs attention. Another stage is refused.
 * @param overrides config overrides merged into the stage's request (later retries win on the same key)
 */
public record RetryRequest(StageName stage, Map<String, String> overrides) {
    public RetryRequest {
        overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
    }
}
