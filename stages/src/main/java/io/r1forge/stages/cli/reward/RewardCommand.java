package io.r1forge.stages.cli.reward;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.r1forge.stages.data.ProblemJson;
import io.r1forge.stages.rewards.RewardBreakdown;
import io.r1forge.stages.rewards.RewardInput;
import io.r1forge.stages.rewards.WeightedReward;
import io.r1forge.stages.tasks.Problem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code r1 reward}: scores completions in a JSONL file with named rule rewards. Each input line
 * has {@code completion} and either a {@code problem} object ({@code prompt}, {@code answer},
 * {@code family}, {@code language}, {@code meta}) or those fields at the top level. Each output line
 * is {@code {"line", "id", "rewards": {name: value|null}, "total", "nan": [...], "versions": {...}}};
 * NaN ("cannot score") is written as null, listed in {@code nan} and counted as 0 in {@code total}.
 * A bad line stops the run with a message naming the line and field, exit code 2.
 */
@Command(
        name = "reward",
        mixinStandardHelpOptions = true,
        description = "Score completions (JSONL) with rule rewards: accuracy, format, language, length, repetition.")
public final class RewardCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec CommandSpec spec;

    @Option(names = "--rewards", split = ",", defaultValue = "accuracy,format",
            description = "Rewards to compute, comma separated (default: ${DEFAULT-VALUE}).")
    List<String> rewards;

    @Option(names = "--weights", split = ",", paramLabel = "NAME=W",
            description = "Weights of the total, e.g. accuracy=1,format=0.5 (default 1 for each reward).")
    Map<String, Double> weights = new LinkedHashMap<>();

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "Samples, one JSON object per line.")
    Path in;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        WeightedReward reward;
        try {
            reward = new WeightedReward(weights());
        } catch (IllegalArgumentException e) {
            err.println("r1 reward: " + e.getMessage());
            return 2;
        }
        try (BufferedReader reader = Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (!line.isBlank()) {
                    out.println(JSON.writeValueAsString(score(reward, line, lineNo)));
                }
            }
        } catch (BadLine e) {
            out.flush();
            err.println(in + ":" + e.getMessage());
            return 2;
        } catch (NoSuchFileException e) {
            err.println("r1 reward: file not found: " + in);
            return 2;
        } catch (IOException e) {
            err.println("r1 reward: cannot read " + in + ": " + e.getMessage());
            return 2;
        }
        out.flush();
        return 0;
    }

    private Map<String, Double> weights() {
        Map<String, Double> w = new LinkedHashMap<>();
        for (String name : rewards) {
            w.put(name.strip(), weights.getOrDefault(name.strip(), 1.0));
        }
        for (String name : weights.keySet()) {
            if (!w.containsKey(name)) {
                throw new IllegalArgumentException("--weights names '" + name + "', which is not in --rewards " + rewards);
            }
        }
        return w;
    }

    private static ObjectNode score(WeightedReward reward, String line, int lineNo) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new BadLine(lineNo, "invalid JSON: " + e.getOriginalMessage());
        }
        if (!node.isObject()) {
            throw new BadLine(lineNo, "expected a JSON object");
        }
        JsonNode completion = node.get("completion");
        if (completion == null || !completion.isTextual()) {
            throw new BadLine(lineNo, "field 'completion' is " + (completion == null ? "missing" : "not a string"));
        }
        Problem problem;
        try {
            problem = node.has("problem")
                    ? ProblemJson.fromJson(node.get("problem"), "problem.", "line-" + lineNo)
                    : ProblemJson.fromJson(node, "", "line-" + lineNo);
        } catch (IllegalArgumentException e) {
            throw new BadLine(lineNo, e.getMessage());
        }
        RewardBreakdown b = reward.breakdown(new RewardInput(problem, completion.asText()));
        return result(reward, b, problem, lineNo);
    }

    private static ObjectNode result(WeightedReward reward, RewardBreakdown b, Problem problem, int lineNo) {
        ObjectNode o = JSON.createObjectNode();
        o.put("line", lineNo);
        o.put("id", problem.id());
        ObjectNode values = o.putObject("rewards");
        b.values().forEach((k, v) -> {
            if (v.isNaN()) {
                values.putNull(k);
            } else {
                values.put(k, v);
            }
        });
        o.put("total", b.total());
        com.fasterxml.jackson.databind.node.ArrayNode nan = o.putArray("nan");
        b.nanComponents().forEach(nan::add);
        ObjectNode versions = o.putObject("versions");
        reward.versions().forEach(versions::put);
        return o;
    }

    /** A line that cannot be scored; the message starts with its line number. */
    private static final class BadLine extends RuntimeException {
        BadLine(int lineNo, String message) {
            super(lineNo + ": " + message);
        }
    }
}
