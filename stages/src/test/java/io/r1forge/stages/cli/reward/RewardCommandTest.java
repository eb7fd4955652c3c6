package io.r1forge.stages.cli.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class RewardCommandTest {
    @TempDir Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new RewardCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private Path samples(String... lines) throws Exception {
        Path f = dir.resolve("samples.jsonl");
        Files.writeString(f, String.join("\n", lines) + "\n");
        return f;
    }

    @Test
    void scoresEachLine() throws Exception {
        Path f = samples(
                "{\"prompt\": \"What is 9 + 8?\", \"answer\": \"17\", \"completion\": \" <think> 9 plus 8 is 17 </think> <answer> 17 </answer>\"}",
                "",
                "{\"problem\": {\"id\": \"p2\", \"prompt\": \"计算 9 加 8 等于多少?\", \"answer\": \"17\", \"language\": \"zh\"},"
                        + " \"completion\": \"<answer> 16 </answer>\"}");
        int code = run("--rewards", "accuracy,format,language", "--weights", "accuracy=2,format=0.5", "--in", f.toString());
        assertEquals(0, code, err.toString());
        String[] lines = out.toString().strip().split("\n");
        assertEquals(2, lines.length);
        JsonNode first = new ObjectMapper().readTree(lines[0]);
        assertEquals(1, first.get("line").asInt());
        assertEquals(1.0, first.get("rewards").get("accuracy").asDouble());
        assertEquals(1.0, first.get("rewards").get("language").asDouble());
        assertEquals(2 + 0.5 + 1, first.get("total").asDouble(), 1e-12);
        assertEquals("accuracy-1", first.get("versions").get("accuracy").asText());
        JsonNode second = new ObjectMapper().readTree(lines[1]);
        assertEquals(3, second.get("line").asInt());
        assertEquals("p2", second.get("id").asText());
        assertTrue(second.get("rewards").get("language").isNull());
        assertEquals("language", second.get("nan").get(0).asText());
        assertEquals(0.0, second.get("total").asDouble());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"prompt\": \"q\", \"answer\": \"1\"}|samples.jsonl:2: field 'completion' is missing",
        "{\"answer\": \"1\", \"completion\": \"x\"}|samples.jsonl:2: field 'prompt' is missing",
        "{\"problem\": {\"prompt\": \"q\"}, \"completion\": \"x\"}|samples.jsonl:2: field 'problem.answer' is missing",
        "{\"problem\": 3, \"completion\": \"x\"}|samples.jsonl:2: field 'problem' must be an object",
        "{\"prompt\": \"q\", \"answer\": \"1\", \"completion\": 5}|samples.jsonl:2: field 'completion' is not a string",
        "{oops|samples.jsonl:2: invalid JSON"})
    void badLineNamesLineAndFieldWithExitCode2(String bad, String expected) throws Exception {
        Path f = samples("{\"prompt\": \"q\", \"answer\": \"1\", \"completion\": \"<think>a</think><answer>1</answer>\"}", bad);
        assertEquals(2, run("--in", f.toString()));
        assertTrue(err.toString().contains(expected), err.toString());
        assertEquals(1, out.toString().strip().split("\n").length, "the good first line was printed");
    }

    @Test
    void unknownRewardAndStrayWeightAreErrors() throws Exception {
        Path f = samples("{\"prompt\": \"q\", \"answer\": \"1\", \"completion\": \"x\"}");
        assertEquals(2, run("--rewards", "accuracy,fromat", "--in", f.toString()));
        assertTrue(err.toString().contains("unknown reward 'fromat' (known: accuracy, format, language, length, repetition)"), err.toString());
        assertEquals(2, run("--rewards", "accuracy", "--weights", "format=1", "--in", f.toString()));
        assertTrue(err.toString().contains("--weights names 'format'"), err.toString());
        assertEquals(2, run("--in", dir.resolve("missing.jsonl").toString()));
        assertTrue(err.toString().contains("file not found"), err.toString());
    }

    @Test
    void helpDescribesOptions() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("--rewards"), out.toString());
        assertTrue(out.toString().contains("--weights"));
        assertTrue(out.toString().contains("--in"));
    }
}
