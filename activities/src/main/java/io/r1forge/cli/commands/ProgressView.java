package io.r1forge.cli.commands;

import io.r1forge.workflows.PipelineProgress.LiveStage;
import io.r1forge.workflows.PipelineStatus;
import io.r1forge.workflows.StageName;
import io.r1forge.workflows.StageProgress;
import io.r1forge.workflows.StageState;
import io.r1forge.workflows.StageStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Renders a run's status as one line per stage: state, a progress bar from the running stage's heartbeat (or the
 * final progress of an ended stage), attempts and a few metrics; then the attention reason, if any.
 */
final class ProgressView {
    static final int BAR = 24;
    /** Metrics shown on a stage line, in this order, when present. */
    static final List<String> SHOWN = List.of("pass@1", "cons@k", "format_rate", "loss", "reward_mean", "kl",
            "kept");

    private ProgressView() {}

    static List<String> lines(PipelineStatus status, Optional<LiveStage> live) {
        List<String> out = new ArrayList<>();
        out.add("run " + status.runId() + "  " + status.state()
                + (status.current() != null ? "  (stage " + status.current() + ")" : ""));
        for (Map.Entry<StageName, StageStatus> e : status.stages().entrySet()) {
            StageStatus s = e.getValue();
            if (s.state() == StageState.SKIPPED && s.outputs().isEmpty()) {
                continue;
            }
            boolean running = e.getKey() == status.current() && s.state() == StageState.RUNNING;
            StageProgress p = running ? live.map(LiveStage::progress).orElse(null) : s.progress();
            int attempts = running ? s.attempts() + 1 : s.attempts();
            out.add(String.format(Locale.ROOT, "  %-19s %-15s %s  %s%s", e.getKey(), s.state(), bar(p),
                    attempts > 0 ? "attempt " + attempts : "", metrics(running && p != null ? p.latestMetrics()
                            : s.metrics())));
        }
        if (status.attentionReason() != null) {
            out.add("  attention: " + status.attentionReason());
        }
        live.map(LiveStage::lastFailure).filter(f -> f != null).ifPresent(f -> out.add("  last failure: " + f));
        return out;
    }

    static String bar(StageProgress p) {
        if (p == null || p.totalSteps() <= 0) {
            return " ".repeat(BAR + 2) + String.format("%11s", p == null ? "" : p.step() + " steps");
        }
        int filled = (int) Math.min(BAR, BAR * p.step() / p.totalSteps());
        return "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "]"
                + String.format(Locale.ROOT, " %5d/%-5d", p.step(), p.totalSteps());
    }

    static String metrics(Map<String, Double> m) {
        String shown = SHOWN.stream().filter(m::containsKey)
                .map(k -> String.format(Locale.ROOT, "%s=%.3g", k, m.get(k)))
                .collect(Collectors.joining(" "));
        return shown.isEmpty() ? "" : "  " + shown;
    }
}
