package io.r1forge.stages.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A GRPO stage's per-step metrics ({@link MetricsLog}) binned into a few windows of consecutive steps, each the mean of
 * its steps: how the paper's curves (accuracy, self-check rate, completion length, language consistency) move during
 * RL, short enough for the pipeline table. Example for 32 steps in 4 windows: steps 1–8, 9–16, 17–24, 25–32.
 *
 * @param stage the stage's name, e.g. {@code r1-zero}
 * @param windows consecutive step windows, oldest first
 */
public record TrainingCurve(String stage, List<Window> windows) {
    /** The metrics a curve keeps, with their column titles. */
    public static final Map<String, String> METRICS = columns();

    /**
     * @param fromStep first step (1-based, inclusive)
     * @param toStep last step (inclusive)
     * @param means metric → mean over the window's steps (NaN values skipped; NaN when none)
     */
    public record Window(long fromStep, long toStep, Map<String, Double> means) {}

    public TrainingCurve {
        windows = List.copyOf(windows);
    }

    /**
     * The curve of the stage whose metrics are in {@code stageDir}, in at most {@code bins} windows; no windows when the
     * stage logged no step (or has no metrics file).
     */
    public static TrainingCurve read(String stage, Path stageDir, int bins) {
        return of(stage, MetricsLog.read(stageDir), bins);
    }

    /** The curve of {@code lines} (one map a step, in step order) in at most {@code bins} windows of equal size. */
    public static TrainingCurve of(String stage, List<Map<String, Object>> lines, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1 (was " + bins + ")");
        }
        List<Window> windows = new ArrayList<>();
        int n = lines.size();
        int b = Math.min(bins, n);
        for (int w = 0; w < b; w++) {
            int from = (int) ((long) w * n / b);
            int to = (int) ((long) (w + 1) * n / b);
            List<Map<String, Object>> part = lines.subList(from, to);
            Map<String, Double> means = new LinkedHashMap<>();
            METRICS.keySet().forEach(k -> means.put(k, mean(part, k)));
            windows.add(new Window(step(part.get(0)), step(part.get(part.size() - 1)), means));
        }
        return new TrainingCurve(stage, windows);
    }

    /** Last window's mean minus the first's; NaN with fewer than two windows. */
    public double change(String metric) {
        if (windows.size() < 2) {
            return Double.NaN;
        }
        return windows.get(windows.size() - 1).means().get(metric) - windows.get(0).means().get(metric);
    }

    /** A Markdown table: one row per window, a column per metric. */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder("| steps |");
        METRICS.values().forEach(t -> sb.append(' ').append(t).append(" |"));
        sb.append("\n|---|");
        METRICS.values().forEach(t -> sb.append("---:|"));
        sb.append('\n');
        for (Window w : windows) {
            sb.append("| ").append(w.fromStep()).append('–').append(w.toStep()).append(" |");
            METRICS.keySet().forEach(k -> sb.append(' ').append(cell(k, w.means().get(k))).append(" |"));
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String cell(String metric, double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return String.format(Locale.ROOT, metric.equals("completion_length") ? "%.1f" : "%.3f", v);
    }

    private static long step(Map<String, Object> line) {
        return ((Number) line.get("step")).longValue();
    }

    private static double mean(List<Map<String, Object>> lines, String key) {
        double sum = 0;
        int n = 0;
        for (Map<String, Object> l : lines) {
            if (l.get(key) instanceof Number v && !Double.isNaN(v.doubleValue())) {
                sum += v.doubleValue();
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static Map<String, String> columns() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("accuracy", "accuracy");
        m.put("format_rate", "format");
        m.put("reward/language", "lang. consistency");
        m.put("self_check_rate", "self-check");
        m.put("completion_length", "length");
        m.put("kl", "KL");
        return java.util.Collections.unmodifiableMap(m);
    }
}
