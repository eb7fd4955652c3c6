package io.r1forge.stages.sft;

import io.r1forge.stages.tasks.ColdStartFormat;
import io.r1forge.stages.tasks.Families;
import io.r1forge.stages.tasks.Language;
import io.r1forge.stages.tasks.Problem;
import io.r1forge.stages.tasks.Words;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * Cold-start data (paper §2.3.1): readable long-CoT samples for the SFT of stage 2.
 *
 * <p>Source 1 — R1-Zero's own outputs: samples that rejection sampling kept with strict settings (accurate,
 * well formatted, language consistent, no code, no long paragraphs; see {@code rs.Filters}) are reformatted
 * from {@code <think>r</think><answer>a</answer>} into {@code |special_token| r |special_token| a}.
 *
 * <p>Source 2 — when those are too few: reference solutions written from the task generator's ground truth.
 * The paper collected cold-start data "using few-shot prompting with a long CoT as an example, directly
 * prompting models to generate detailed answers with reflection and verification, gathering DeepSeek-R1-Zero
 * outputs in a readable format, and refining the results through post-processing by human annotators". The
 * tiny world has no stronger model to prompt and no annotators; its analogue of "human-refined" is the
 * generator, which knows every intermediate value: a step-by-step chain in the problem's language with a
 * check of the last step, each step correct. Only arithmetic problems with {@code +} and {@code -} are written
 * this way (other families are skipped).
 */
public final class ColdStartCurator {
    private ColdStartCurator() {}

    /**
     * @param r1ZeroKept samples already filtered (kept) from R1-Zero, completions in think/answer form
     * @param problems training problems for reference solutions if fewer than {@code minExamples} are kept
     * @param template problem → prompt text
     * @return cold-start examples: reformatted R1-Zero samples first, then reference solutions up to
     *     {@code minExamples}
     */
    public static List<SftExample> curate(List<SftExample> r1ZeroKept, List<Problem> problems, int minExamples,
            Function<Problem, String> template) {
        List<SftExample> out = new ArrayList<>();
        Set<String> covered = new HashSet<>();
        for (SftExample e : r1ZeroKept) {
            Optional<String> cold = ColdStartFormat.fromThinkAnswer(e.completion());
            if (cold.isPresent() && !"non-reasoning".equals(e.meta().get("kind"))) {
                out.add(new SftExample(e.id(), e.prompt(), cold.get(), with(e.meta(), "cold_start_source", "r1-zero")));
                covered.add(String.valueOf(e.meta().get("promptId")));
            }
        }
        out.addAll(references(problems, covered, minExamples - out.size(), template, ColdStartFormat::format));
        return out;
    }

    /**
     * Up to {@code n} reference-solution examples for problems not in {@code exclude}, written by {@code writer}
     * (reasoning, answer) → completion; {@code meta.cold_start_source = "reference"} marks them.
     */
    public static List<SftExample> references(List<Problem> problems, Set<String> exclude, int n,
            Function<Problem, String> template, BinaryOperator<String> writer) {
        List<SftExample> out = new ArrayList<>();
        for (Problem p : problems) {
            if (out.size() >= n) {
                break;
            }
            if (!exclude.contains(p.id())) {
                referenceSolution(p).ifPresent(r -> out.add(new SftExample(p.id() + "#reference", template.apply(p),
                        writer.apply(r, p.answer()),
                        Map.of("kind", "reasoning", "promptId", p.id(), "cold_start_source", "reference",
                                "source", Map.of("generator", "ColdStartCurator.referenceSolution")))));
            }
        }
        return out;
    }

    /**
     * A readable, correct, language-consistent chain for a {@code +}/{@code -} arithmetic problem, e.g.
     * "3 plus 5 is 8, then 8 minus 2 is 6. wait, let me check: 8 minus 2 is 6. so the answer is 6".
     */
    @SuppressWarnings("unchecked")
    public static Optional<String> referenceSolution(Problem p) {
        if (!p.family().equals(Families.ARITHMETIC) || !(p.meta().get("operands") instanceof List<?>)) {
            return Optional.empty();
        }
        List<Integer> operands = (List<Integer>) p.meta().get("operands");
        List<String> ops = (List<String>) p.meta().get("ops");
        if (ops.contains("*")) {
            return Optional.empty();
        }
        Language lang = p.language();
        StringBuilder sb = new StringBuilder();
        long total = operands.get(0);
        String lastStep = "";
        for (int i = 1; i < operands.size(); i++) {
            long next = total + (ops.get(i - 1).equals("+") ? operands.get(i) : -operands.get(i));
            lastStep = total + " " + Words.op(lang, ops.get(i - 1)) + " " + operands.get(i) + " " + Words.is(lang)
                    + " " + next;
            sb.append(i > 1 ? ", " + Words.then(lang) + " " : "").append(lastStep);
            total = next;
        }
        sb.append(". ").append(Words.check(lang)).append(' ').append(lastStep).append(". ")
                .append(Words.soTheAnswerIs(lang)).append(' ').append(total);
        return Optional.of(sb.toString());
    }

    private static Map<String, Object> with(Map<String, Object> meta, String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(meta);
        m.put(key, value);
        return m;
    }
}
