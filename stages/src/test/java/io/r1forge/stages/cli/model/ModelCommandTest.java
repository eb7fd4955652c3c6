package io.r1forge.stages.cli.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.r1forge.stages.tokenizer.TinyTokenizer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ModelCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir static Path tmp;
    static Path ckpt;

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ModelCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeAll
    static void init() {
        ckpt = tmp.resolve("tiny");
        Run r = run("init", "--preset", "tiny", "--seed", "7", "--out", ckpt.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("parameters"), r.out());
    }

    @Test
    void initWritesAHuggingFaceLayout() {
        for (String f : new String[] {"config.json", "model.safetensors", "tokenizer.json", "generation_config.json"}) {
            assertTrue(Files.isRegularFile(ckpt.resolve(f)), f);
        }
    }

    @Test
    void infoPrintsConfigParameterCountAndDtype() throws Exception {
        Run r = run("info", ckpt.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode n = JSON.readTree(r.out());
        int vocab = TinyTokenizer.standard().vocabSize();
        assertEquals(vocab, n.at("/config/vocab_size").asInt());
        assertEquals(128, n.at("/config/hidden_size").asInt());
        long params = n.get("parameters").asLong();
        assertEquals(params, n.at("/dtypes/F32").asLong(), "all weights are F32");
        // tied embeddings: V·d + 4 layers × (q d² + k,v 2·d·d/2 + o d² + 3·d·384 + 2 norms d) + final norm d
        long d = 128;
        long perLayer = d * d + 2 * d * (d / 2) + d * d + 3 * d * 384 + 2 * d;
        assertEquals(vocab * d + 4 * perLayer + d, params);
    }

    @Test
    void scorePrintsOneNonPositiveLogProbPerCompletionToken() throws Exception {
        Run r = run("score", ckpt.toString(), "--prompt", "3+4=", "--completion", "7<answer>七");
        assertEquals(0, r.exit(), r.err());
        JsonNode n = JSON.readTree(r.out());
        assertEquals(4, n.get("prompt_ids").size());
        int completionTokens = n.get("completion_ids").size();
        assertEquals(3, completionTokens, "7, <answer>, <unk> for 七 (not in the vocabulary)");
        assertEquals(completionTokens, n.get("token_logprobs").size());
        assertEquals(completionTokens, n.get("entropy").size());
        double sum = 0;
        for (JsonNode lp : n.get("token_logprobs")) {
            assertTrue(lp.asDouble() <= 0, "log-prob " + lp);
            sum += lp.asDouble();
        }
        assertEquals(sum, n.get("sum_logprob").asDouble(), 1e-4);
        double uniform = Math.log(TinyTokenizer.standard().vocabSize());
        for (JsonNode e : n.get("entropy")) {
            assertTrue(e.asDouble() > 0 && e.asDouble() <= uniform + 1e-3, "entropy " + e + " vs log V " + uniform);
        }
    }

    @Test
    void generatePrintsOneCompletionPerPrompt() throws Exception {
        Run r = run("generate", ckpt.toString(), "--prompt", "1+1=", "--prompt", "计算 2 加 3",
                "--max-new-tokens", "5", "--temperature", "1.0", "--seed", "3", "--jsonl");
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(2, lines.length, r.out());
        JsonNode second = JSON.readTree(lines[1]);
        assertEquals("计算 2 加 3", second.get("prompt").asText());
        assertTrue(second.get("completion_tokens").asInt() <= 5);
        Run again = run("generate", ckpt.toString(), "--prompt", "1+1=", "--prompt", "计算 2 加 3",
                "--max-new-tokens", "5", "--temperature", "1.0", "--seed", "3", "--jsonl");
        assertEquals(r.out(), again.out(), "same seed, same completions");
    }

    @Test
    void helpAndErrorsAreUsable() {
        for (String verb : new String[] {"init", "info", "generate", "score"}) {
            Run r = run(verb, "--help");
            assertEquals(0, r.exit());
            assertTrue(r.out().contains("Usage:"), verb);
        }
        Run missing = run("info", tmp.resolve("nope").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("config.json"), missing.err());
    }
}
