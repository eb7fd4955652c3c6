package io.r1forge.stages.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.r1forge.stages.eval.EvalReport;
import io.r1forge.stages.sft.SftData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The paper-style table of a pipeline run: one row per checkpoint (base, R1-Zero, cold-start, reasoning RL, RS-SFT,
 * final, distilled student, student + GRPO), columns as {@link EvalReport#COLUMNS}.
 *
 * @param baseSeconds time spent pre-training the base (and a preset student) in this run (0 when reused from the cache)
 * @param stagesSeconds time of stages 1–5 and their evaluations, without any pre-training or the base's evaluation
 * @param notes what a reader must know to trust the rows, e.g. the share of reference solutions in a data set
 * @param curves the RL stages' training curves (accuracy, self-check rate, length, language consistency by step)
 */
public record PipelineReport(String name, Map<String, EvalReport> rows, double baseSeconds, double stagesSeconds,
        double totalSeconds, List<String> notes, List<TrainingCurve> curves) {
    public PipelineReport {
        rows = new LinkedHashMap<>(rows);
        notes = notes == null ? List.of() : List.copyOf(notes);
        curves = curves == null ? List.of() : List.copyOf(curves);
    }

    /** A report without curves. */
    public PipelineReport(String name, Map<String, EvalReport> rows, double baseSeconds, double stagesSeconds,
            double totalSeconds, List<String> notes) {
        this(name, rows, baseSeconds, stagesSeconds, totalSeconds, notes, List.of());
    }

    /** A report without notes. */
    public PipelineReport(String name, Map<String, EvalReport> rows, double baseSeconds, double stagesSeconds,
            double totalSeconds) {
        this(name, rows, baseSeconds, stagesSeconds, totalSeconds, List.of());
    }

    public String toMarkdown() {
        StringBuilder sb = new StringBuilder("# Pipeline `" + name + "`\n\n");
        EvalReport any = rows.values().stream().findFirst().orElse(null);
        if (any != null) {
            sb.append(any.problems()).append(" held-out problems, pass@1 and cons@").append(any.k())
                    .append(" from ").append(any.k()).append(" samples at T = ").append(any.temperature())
                    .append("; greedy pass@1 from one greedy completion.\n\n");
        }
        sb.append(EvalReport.markdownHeader("model"));
        rows.forEach((label, r) -> sb.append(r.markdownRow(label)));
        sb.append(String.format(Locale.ROOT, "%nBase pre-training: %.0f s%s; stages 1–5 with evaluations: %.0f s.%n",
                baseSeconds, baseSeconds == 0 ? " (reused from the cache)" : "", stagesSeconds));
        if (!notes.isEmpty()) {
            sb.append("\nNotes:\n");
            notes.forEach(n -> sb.append("- ").append(n).append('\n'));
        }
        for (TrainingCurve c : curves) {
            sb.append("\n## `").append(c.stage()).append("` by step (training samples, means per window)\n\n")
                    .append(c.toMarkdown());
            sb.append(String.format(Locale.ROOT, "%nFirst to last window: accuracy %+.3f, self-check rate %+.3f, "
                    + "completion length %+.1f, language consistency %+.3f.%n", c.change("accuracy"),
                    c.change("self_check_rate"), c.change("completion_length"), c.change("reward/language")));
        }
        return sb.toString();
    }

    public String toJson() {
        try {
            return SftData.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise pipeline report", e);
        }
    }
}
