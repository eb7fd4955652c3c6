package io.r1forge.stages.rewards;

import io.r1forge.stages.tasks.Problem;
import java.util.Objects;

/**
 * What a reward sees.
 *
 * @param problem the problem the prompt was made from
 * @param completion the text the model wrote after the template (for R1-Zero usually starting
 *     with {@code " <think>"}); a cold-start completion ({@code |special_token|…}) is accepted too
 */
public record RewardInput(Problem problem, String completion) {
    public RewardInput {
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(completion, "completion");
    }
}
