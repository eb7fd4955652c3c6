package io.r1forge.stages.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.r1forge.stages.model.CausalLm;
import io.r1forge.stages.model.TestModels;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Batched greedy decoding against the PyTorch reference's KV-cached greedy tokens (fixture "greedy"). */
class GeneratorParityTest {
    @ParameterizedTest
    @ValueSource(strings = {"llama", "qwen2"})
    void greedyTokensMatchReference(String name) throws IOException {
        JsonNode in = new ObjectMapper().readTree(TestModels.fixture(name).resolve("inputs.json").toFile());
        List<int[]> prompts = rows(in.get("prompts"));
        List<int[]> expected = rows(in.get("greedy"));
        try (NDManager m = NDManager.newBaseManager();
                CausalLm lm = TestModels.loadFixture(name, m)) {
            List<Completion> out = new Generator(lm, new CharTokenizer(64, -1))
                    .generate(prompts, GenerationConfig.greedy(expected.get(0).length), 0);
            for (int i = 0; i < prompts.size(); i++) {
                assertArrayEquals(expected.get(i), out.get(i).completionIds(), name + " prompt " + i);
            }
        }
    }

    private static List<int[]> rows(JsonNode rows) {
        List<int[]> out = new ArrayList<>();
        for (JsonNode r : rows) {
            out.add(StreamSupport.stream(r.spliterator(), false).mapToInt(JsonNode::asInt).toArray());
        }
        return out;
    }
}
