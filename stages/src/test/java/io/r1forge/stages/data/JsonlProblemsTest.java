package io.r1forge.stages.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.r1forge.stages.tasks.Families;
import io.r1forge.stages.tasks.Language;
import io.r1forge.stages.tasks.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonlProblemsTest {
    @TempDir Path dir;

    @Test
    void loadsGsm8kAndMathLines() throws Exception {
        Path f = dir.resolve("gsm.jsonl");
        Files.writeString(f, String.join("\n",
                "{\"question\": \"Tom has 3 apples and buys 4. How many?\", \"answer\": \"3 + 4 = 7\\n#### 7\"}",
                "",
                "{\"problem\": \"Half of one?\", \"solution\": \"It is $\\\\boxed{\\\\frac{1}{2}}$.\", \"language\": \"zh\", \"id\": \"m1\"}",
                "{\"question\": \"Big\", \"answer\": \"#### 1,000\"}"));
        List<Problem> ps = JsonlProblems.load(f, Language.EN);
        assertEquals(3, ps.size());
        assertEquals("7", ps.get(0).answer());
        assertEquals("gsm-00001", ps.get(0).id());
        assertEquals(Families.DATASET, ps.get(0).family());
        assertEquals("\\frac{1}{2}", ps.get(1).answer());
        assertEquals(Language.ZH, ps.get(1).language());
        assertEquals("m1", ps.get(1).id());
        assertEquals("1,000", ps.get(2).answer());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"question\": \"q\"}|bad.jsonl:2: missing field 'answer'",
        "{\"answer\": \"#### 1\"}|bad.jsonl:2: missing field 'question'",
        "{\"question\": \"q\", \"answer\": \"seven\"}|bad.jsonl:2: field 'answer' has neither",
        "{not json|bad.jsonl:2: invalid JSON",
        "[1, 2]|bad.jsonl:2: expected a JSON object",
        "{\"question\": \"q\", \"answer\": \"#### 1\", \"language\": \"fr\"}|bad.jsonl:2: field 'language' must be en or zh"})
    void errorsNameFileAndLine(String badLine, String expected) throws Exception {
        Path f = dir.resolve("bad.jsonl");
        Files.writeString(f, "{\"question\": \"ok\", \"answer\": \"#### 1\"}\n" + badLine + "\n");
        DatasetException e = assertThrows(DatasetException.class, () -> JsonlProblems.load(f, Language.EN));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path f = dir.resolve("nope.jsonl");
        DatasetException e = assertThrows(DatasetException.class, () -> JsonlProblems.load(f, Language.EN));
        assertEquals(f + ": file not found", e.getMessage());
    }

    @Test
    void problemJsonRoundTrip() {
        Problem p = new Problem("c1", Families.COUNTDOWN, Language.ZH, "用数字 3, 5 算出 8", "3 + 5",
                java.util.Map.of("numbers", List.of(3, 5), "target", 8));
        assertEquals(p, ProblemJson.fromJson(ProblemJson.toJson(p), "", "x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProblemJson.fromJson(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("prompt", "q"), "problem.", "x"));
        assertEquals("field 'problem.answer' is missing", e.getMessage());
    }
}
