package io.r1forge.stages.tasks;

import java.util.Map;
import java.util.Objects;

/**
 * One problem with a verifiable answer.
 *
 * @param id stable identifier, e.g. {@code arithmetic-train-00042}
 * @param family task family, one of {@link Families} (decides how the answer is verified)
 * @param language language of the prompt; the target language of the chain of thought
 * @param prompt the question, inserted as {@code {prompt}} into the R1-Zero template
 * @param answer the reference answer: a number for arithmetic/compare/datasets; for countdown one
 *     valid expression (any expression that uses the numbers and reaches the target is accepted)
 * @param meta family specific data, e.g. countdown {@code numbers} (List of Integer) and {@code
 *     target} (Integer); {@code key} is the canonical language-independent problem key
 */
public record Problem(
        String id,
        String family,
        Language language,
        String prompt,
        String answer,
        Map<String, Object> meta) {

    public Problem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(answer, "answer");
        meta = meta == null ? Map.of() : Map.copyOf(meta);
    }

    /**
     * The canonical key used to deduplicate splits: {@code meta.key} if present, else family and
     * whitespace-normalised prompt. Language independent for generated problems, so the English
     * and Chinese phrasing of "3 + 5" share a key.
     */
    public String key() {
        Object k = meta.get("key");
        return k != null ? k.toString() : family + ":" + prompt.strip().replaceAll("\\s+", " ");
    }
}
