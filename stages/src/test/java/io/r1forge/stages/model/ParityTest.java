package io.r1forge.stages.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Java logits against the independent PyTorch reference (src/test/python/make_parity_fixtures.py): same
 * safetensors weights, same left/right padded batch. Padding positions are excluded (their outputs are
 * arbitrary in both implementations).
 */
class ParityTest {
    private static final Logger LOG = LoggerFactory.getLogger(ParityTest.class);
    private static final double TOLERANCE = 1e-4;

    @ParameterizedTest
    @ValueSource(strings = {"llama", "qwen2"})
    void logitsMatchReference(String name) throws IOException {
        JsonNode in = new ObjectMapper().readTree(TestModels.fixture(name).resolve("inputs.json").toFile());
        long[] ids = flatten(in.get("input_ids"));
        long[] mask = flatten(in.get("attention_mask"));
        int b = in.get("input_ids").size();
        int t = in.get("input_ids").get(0).size();
        float[] expected = readF32(TestModels.fixture(name).resolve("logits.f32"));
        try (NDManager m = NDManager.newBaseManager();
                CausalLm lm = TestModels.loadFixture(name, m)) {
            assertEquals(name.equals("qwen2"), lm.config().attentionBias());
            float[] actual = lm.forward(m.create(ids, new Shape(b, t)), m.create(mask, new Shape(b, t)), null)
                    .toFloatArray();
            int v = lm.config().vocabSize();
            assertEquals(expected.length, actual.length);
            double maxErr = 0;
            for (int pos = 0; pos < b * t; pos++) {
                for (int j = 0; mask[pos] == 1 && j < v; j++) {
                    maxErr = Math.max(maxErr, Math.abs(expected[pos * v + j] - actual[pos * v + j]));
                }
            }
            LOG.info("parity {}: max |logit error| = {}", name, maxErr);
            assertTrue(maxErr < TOLERANCE, name + " max error " + maxErr);
        }
    }

    private static long[] flatten(JsonNode rows) {
        return java.util.stream.StreamSupport.stream(rows.spliterator(), false)
                .flatMap(r -> java.util.stream.StreamSupport.stream(r.spliterator(), false))
                .mapToLong(JsonNode::asLong)
                .toArray();
    }

    private static float[] readF32(Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[buf.remaining() / 4];
        buf.asFloatBuffer().get(out);
        return out;
    }
}
