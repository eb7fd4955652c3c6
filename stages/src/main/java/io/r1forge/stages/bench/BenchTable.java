package io.r1forge.stages.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders a {@link BenchReport} as a text table or as JSON. */
final class BenchTable {
    /** snake_case throughout, records included, as the Python side and the rest of the JSON. */
    private static final ObjectMapper JSON =
            new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private BenchTable() {}

    static String text(BenchReport r) {
        BenchSettings s = r.settings();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
                "R1 Forge model benchmark: %d threads, vocab %d, %d round(s) per side (median)%n"
                        + "train: batch %d x seq %d, %d steps/round, next-token cross-entropy + AdamW%n"
                        + "generate: %d prompts x %d tokens + %d sampled (T=1, KV cache)%n",
                r.javaThreads(), s.vocabSize(), s.rounds(), s.batch(), s.seqLen(), s.steps(),
                s.genBatch(), s.promptLen(), s.newTokens()));
        out.append(String.format(Locale.ROOT, "fp32 matmul %dx%d: Java (DJL) %.1f GFLOP/s",
                s.matmulSize(), s.matmulSize(), r.javaMatmulGflops()));
        if (r.python() != null) {
            PythonInfo p = r.python();
            out.append(String.format(Locale.ROOT, "; Python (torch %s, %d threads, %s) %.1f GFLOP/s",
                    p.torch(), p.threads(), p.openBlas() ? "OpenBLAS" : "reference BLAS", p.matmulGflops()));
            out.append(String.format("%nPython BLAS: %s", p.blas()));
        }
        out.append(String.format("%n%n"));
        List<String[]> rows = new ArrayList<>();
        boolean py = r.python() != null;
        rows.add(py
                ? new String[] {"config", "params", "phase", "Java tok/s", "Python tok/s", "Java/Python", "peak % J/P"}
                : new String[] {"config", "params", "phase", "Java tok/s", "peak %"});
        for (PhaseResult pr : r.results()) {
            rows.add(py ? rowWithPython(r, pr) : rowJavaOnly(r, pr));
        }
        appendAligned(out, rows);
        out.append(String.format(
                "%npeak %% = 6 x params x train tokens/s / Java fp32 matmul peak (FLOPs per trained token ~ 6 x params;"
                        + " attention FLOPs ignored)%n"));
        return out.toString();
    }

    private static String[] rowJavaOnly(BenchReport r, PhaseResult pr) {
        return new String[] {pr.config(), params(pr.params()), pr.phase().label(),
            tokens(pr.javaTokensPerSecond()), fraction(r, pr, pr.javaTokensPerSecond())};
    }

    private static String[] rowWithPython(BenchReport r, PhaseResult pr) {
        String fractions = pr.phase() == Phase.TRAIN
                ? fraction(r, pr, pr.javaTokensPerSecond()) + " / " + fraction(r, pr, pr.pythonTokensPerSecond())
                : "";
        return new String[] {pr.config(), params(pr.params()), pr.phase().label(),
            tokens(pr.javaTokensPerSecond()), tokens(pr.pythonTokensPerSecond()),
            String.format(Locale.ROOT, "%.2fx", pr.ratio()), fractions};
    }

    private static String fraction(BenchReport r, PhaseResult pr, double tokensPerSecond) {
        if (pr.phase() != Phase.TRAIN) {
            return "";
        }
        double f = BenchReport.peakFraction(pr.params(), tokensPerSecond, r.javaMatmulGflops());
        return String.format(Locale.ROOT, "%.0f%%", 100 * f);
    }

    private static String params(long n) {
        return String.format(Locale.ROOT, "%.2fM", n / 1e6);
    }

    private static String tokens(double t) {
        return Double.isNaN(t) ? "-" : String.format(Locale.ROOT, "%,.0f", t);
    }

    private static void appendAligned(StringBuilder out, List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                // text columns left-aligned, figures right-aligned
                String fmt = i < 3 ? "%-" + width[i] + "s  " : "%" + width[i] + "s  ";
                line.append(String.format(fmt, row[i]));
            }
            out.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
    }

    static String json(BenchReport r) {
        ObjectNode root = JSON.createObjectNode();
        root.set("settings", JSON.valueToTree(r.settings()));
        root.put("java_threads", r.javaThreads());
        root.put("java_matmul_gflops", r.javaMatmulGflops());
        root.put("train_flops_formula", "6 * params * tokens");
        root.set("python", r.python() == null ? null : JSON.valueToTree(r.python()));
        ArrayNode results = root.putArray("results");
        for (PhaseResult pr : r.results()) {
            ObjectNode n = results.addObject();
            n.put("config", pr.config());
            n.put("params", pr.params());
            n.put("phase", pr.phase().label());
            n.put("java_tokens_per_s", pr.javaTokensPerSecond());
            n.set("java_rounds", JSON.valueToTree(pr.javaRounds()));
            if (!pr.pythonRounds().isEmpty()) {
                n.put("python_tokens_per_s", pr.pythonTokensPerSecond());
                n.set("python_rounds", JSON.valueToTree(pr.pythonRounds()));
                n.put("java_over_python", pr.ratio());
            }
            if (pr.phase() == Phase.TRAIN) {
                n.put("java_peak_fraction",
                        BenchReport.peakFraction(pr.params(), pr.javaTokensPerSecond(), r.javaMatmulGflops()));
                if (!pr.pythonRounds().isEmpty()) {
                    n.put("python_peak_fraction", BenchReport.peakFraction(
                            pr.params(), pr.pythonTokensPerSecond(), r.javaMatmulGflops()));
                }
            }
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a JSON tree", e);
        }
    }
}
