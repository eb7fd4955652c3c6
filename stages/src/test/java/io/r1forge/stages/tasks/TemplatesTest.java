package io.r1forge.stages.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemplatesTest {

    @Test
    void r1ZeroTemplateIsTable1Verbatim() {
        String p = Templates.r1Zero("What is 3 + 5?");
        assertTrue(p.startsWith("A conversation between User and Assistant. The user asks a question, and the "
                + "Assistant solves it. The assistant first thinks about the reasoning process in the mind and then "
                + "provides the user with the answer. The reasoning process and answer are enclosed within <think> "
                + "</think> and <answer> </answer> tags, respectively, i.e., <think> reasoning process here </think> "
                + "<answer> answer here </answer>. User: What is 3 + 5?. Assistant:"), p);
        assertTrue(p.endsWith("Assistant:"));
    }

    @Test
    void coldStartRoundTrip() {
        String c = " <think> 3 plus 5 is 8 </think> <answer> 8 </answer><|endoftext|>";
        String cold = ColdStartFormat.fromThinkAnswer(c).orElseThrow();
        assertEquals("|special_token| 3 plus 5 is 8 |special_token| 8", cold);
        assertEquals("<think> 3 plus 5 is 8 </think> <answer> 8 </answer>", ColdStartFormat.toThinkAnswer(cold).orElseThrow());
        assertEquals(cold, ColdStartFormat.fromThinkAnswer(ColdStartFormat.toThinkAnswer(cold).orElseThrow()).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"<think> a </think>", "<think> a <think> b </think> <answer> 1 </answer>", "x <think> a </think> <answer> 1 </answer>"})
    void fromThinkAnswerRejectsMalformed(String s) {
        assertTrue(ColdStartFormat.fromThinkAnswer(s).isEmpty(), s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"no token", "|special_token| only one", "|special_token| a |special_token| b |special_token| c"})
    void toThinkAnswerRejectsMalformed(String s) {
        assertTrue(ColdStartFormat.toThinkAnswer(s).isEmpty(), s);
    }
}
