package io.r1forge.stages.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Locale;

/**
 * The evaluation of one checkpoint on a held-out split.
 *
 * @param checkpoint where the evaluated checkpoint came from (path or artifact id)
 * @param problems number of held-out problems
 * @param k samples per problem for pass@1 / cons@k
 * @param temperature sampling temperature of the k samples (T=1 by default: pass@1 must be sampled)
 * @param passAt1 pass@1 averaged over the k samples
 * @param consAtK majority vote over the k extracted answers
 * @param greedyPassAt1 pass@1 of one greedy completion per problem (the readiness signal of a base)
 * @param formatRate share of well-formatted samples
 * @param languageConsistency mean share of target-language words in the CoT ({@code NaN}s skipped)
 * @param meanLength mean completion length in tokens
 * @param selfCheckRate share of samples containing a self-check
 * @param seed the sampling seed
 * @param wallSeconds time the evaluation took
 */
public record EvalReport(
        String checkpoint,
        int problems,
        int k,
        double temperature,
        double passAt1,
        double consAtK,
        double greedyPassAt1,
        double formatRate,
        double languageConsistency,
        double meanLength,
        double selfCheckRate,
        long seed,
        double wallSeconds) {

    // NaN is written as the string "NaN" (Jackson's default) and accepted on reading.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** The metrics columns of the paper-style table, in order. */
    public static final List<String> COLUMNS =
            List.of("pass@1", "cons@k", "greedy pass@1", "format", "lang. consistency", "mean length", "self-check");

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise eval report", e);
        }
    }

    public static EvalReport fromJson(String json) {
        try {
            return JSON.readValue(json, EvalReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an eval report: " + e.getOriginalMessage(), e);
        }
    }

    /** The Markdown table header for {@link #markdownRow}, with a leading label column. */
    public static String markdownHeader(String labelColumn) {
        StringBuilder sb = new StringBuilder("| ").append(labelColumn).append(" |");
        COLUMNS.forEach(c -> sb.append(' ').append(c).append(" |"));
        sb.append("\n|---|");
        COLUMNS.forEach(c -> sb.append("---:|"));
        return sb.append('\n').toString();
    }

    /** One Markdown table row: rates with 3 decimals, length with 1; NaN shown as "–". */
    public String markdownRow(String label) {
        return "| " + label + " | " + fmt(passAt1, 3) + " | " + fmt(consAtK, 3) + " | " + fmt(greedyPassAt1, 3)
                + " | " + fmt(formatRate, 3) + " | " + fmt(languageConsistency, 3) + " | " + fmt(meanLength, 1)
                + " | " + fmt(selfCheckRate, 3) + " |\n";
    }

    /** A standalone Markdown report: settings, then the one-row table. */
    public String toMarkdown() {
        return "# Evaluation of `" + checkpoint + "`\n\n"
                + problems + " held-out problems, k = " + k + " samples at T = " + temperature + " (seed " + seed
                + "), greedy pass@1 from one greedy completion each; " + String.format(Locale.ROOT, "%.1f", wallSeconds)
                + " s.\n\n" + markdownHeader("checkpoint") + markdownRow("`" + checkpoint + "`");
    }

    static String fmt(double v, int decimals) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
