package io.r1forge.stages.spec;

import io.r1forge.stages.tasks.ArithmeticConfig;
import io.r1forge.stages.tasks.CompareGenerator;
import io.r1forge.stages.tasks.CountdownGenerator;
import io.r1forge.stages.tasks.TaskMix;
import java.util.List;

/**
 * The problems of a run: generated families, or a GSM8K/MATH-style JSONL data set.
 *
 * @param families generated families ({@code arithmetic}, {@code countdown}, {@code compare})
 * @param chineseFraction share of prompts in Chinese
 * @param trainSize training problems
 * @param evalSize held-out problems (no key shared with train)
 * @param seed seed of the train split
 * @param evalSeed seed of the eval split (must differ from {@code seed})
 * @param dataset optional JSONL file; when set it replaces the generated families
 * @param arithmetic shape of arithmetic problems
 */
public record TaskSpec(
        List<String> families,
        double chineseFraction,
        int trainSize,
        int evalSize,
        long seed,
        long evalSeed,
        @OptionalField String dataset,
        ArithmeticConfig arithmetic) {

    /** The generator mix (countdown and compare at their tiny shapes). */
    public TaskMix toTaskMix() {
        return new TaskMix(families, chineseFraction, arithmetic, CountdownGenerator.tiny(), CompareGenerator.tiny());
    }
}
