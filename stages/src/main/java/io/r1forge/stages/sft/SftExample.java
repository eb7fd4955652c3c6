package io.r1forge.stages.sft;

import java.util.Map;
import java.util.Objects;

/**
 * One supervised example: the full prompt text (template applied) and the completion the model must learn.
 * The loss covers the completion and the EOS token appended after it.
 *
 * @param id stable identifier (e.g. the problem id and sample index)
 * @param prompt the prompt text, not learnt
 * @param completion the target text
 * @param meta provenance (source checkpoint, rewards, filters…), carried through untouched
 */
public record SftExample(String id, String prompt, String completion, Map<String, Object> meta) {
    public SftExample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(completion, "completion");
        meta = meta == null ? Map.of() : meta;
    }
}
