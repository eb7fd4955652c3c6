package io.r1forge.stages.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.r1forge.stages.model.CausalLm;
import io.r1forge.stages.model.ModelConfig;
import io.r1forge.stages.model.ModelConfigException;
import io.r1forge.stages.tokenizer.HfTokenizer;
import io.r1forge.stages.tokenizer.TinyTokenizer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir Path tmp;
    private NDManager base;
    private Path dir;

    /** One layer, d=32: the layout of the tiny preset at a fraction of its cost. */
    static ModelConfig smallConfig(int vocab) {
        return new ModelConfig(ModelConfig.LLAMA, vocab, 32, 64, 1, 4, 2, 128, 1e-6, 10_000.0, true, false, -1, 0);
    }

    @BeforeEach
    void save() {
        base = NDManager.newBaseManager();
        dir = tmp.resolve("ckpt");
        TinyTokenizer tiny = TinyTokenizer.withChinese("加减等于答案");
        try (HfTokenizer tok = tiny.load(); CausalLm model = CausalLm.initialize(smallConfig(tiny.vocabSize()), 3, base)) {
            Checkpoint.save(dir, model, tok, GenerationDefaults.r1(-1, tok.eosId(), tok.padId(), 64));
        }
    }

    @AfterEach
    void close() {
        base.close();
    }

    @Test
    void saveThenLoadGivesTheSameWeightsTokenizerAndDefaults() {
        try (CausalLm again = CausalLm.initialize(smallConfig(TinyTokenizer.withChinese("加减等于答案").vocabSize()), 3, base);
                Checkpoint.LoadedCheckpoint c = Checkpoint.load(dir, base)) {
            assertEquals(again.config(), c.model().config());
            for (Map.Entry<String, NDArray> e : again.parameters().entrySet()) {
                assertArrayEquals(e.getValue().toFloatArray(), c.model().parameters().get(e.getKey()).toFloatArray(),
                        e.getKey());
            }
            String s = "<think>3 加 4 等于 7</think><answer>7</answer>";
            assertEquals(s, c.tokenizer().decode(c.tokenizer().encode(s)));
            assertEquals(0, c.generation().eosTokenId());
            assertEquals(0.6, c.generation().temperature());
        }
        for (String f : new String[] {"config.json", "model.safetensors", "tokenizer.json", "generation_config.json"}) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        assertTrue(Files.notExists(tmp.resolve("ckpt.tmp")));
        try (SafetensorsFile f = SafetensorsFile.open(dir.resolve("model.safetensors"))) {
            assertEquals("pt", f.metadata().get("format"), "transformers refuses safetensors without format=pt");
        }
    }

    @Test
    void missingFileIsNamed() throws Exception {
        Files.delete(dir.resolve("tokenizer.json"));
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.load(dir, base));
        assertTrue(e.getMessage().contains("tokenizer.json"), e.getMessage());
        Files.delete(dir.resolve("model.safetensors"));
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        SafetensorsException s = assertThrows(SafetensorsException.class, () -> Checkpoint.load(dir, base));
        assertTrue(s.getMessage().contains("model.safetensors"), s.getMessage());
    }

    @Test
    void unknownArchitectureAndMissingFieldAreNamed() throws Exception {
        Path cfg = dir.resolve("config.json");
        String json = Files.readString(cfg);
        Files.writeString(cfg, json.replace("LlamaForCausalLM", "GPT2LMHeadModel"));
        ModelConfigException e = assertThrows(ModelConfigException.class, () -> Checkpoint.load(dir, base));
        assertTrue(e.getMessage().contains("GPT2LMHeadModel"), e.getMessage());
        Files.writeString(cfg, json.replaceAll("\"hidden_size\"\\s*:\\s*32,", ""));
        e = assertThrows(ModelConfigException.class, () -> Checkpoint.load(dir, base));
        assertTrue(e.getMessage().contains("hidden_size"), e.getMessage());
    }

    @Test
    void missingTensorIsNamed() {
        Map<String, HostTensor> w = new LinkedHashMap<>(Safetensors.read(dir.resolve("model.safetensors")));
        w.remove("model.norm.weight");
        Safetensors.write(dir.resolve("model.safetensors"), w);
        RuntimeException e = assertThrows(RuntimeException.class, () -> Checkpoint.load(dir, base));
        assertTrue(e.getMessage().contains("model.norm.weight"), e.getMessage());
    }

    @Test
    void bf16CheckpointLoadsUpcastToF32() throws Exception {
        Map<String, HostTensor> w = Safetensors.read(dir.resolve("model.safetensors"));
        Files.write(dir.resolve("model.safetensors"), bf16File(w));
        try (Checkpoint.LoadedCheckpoint c = Checkpoint.load(dir, base)) {
            float[] orig = w.get("model.norm.weight").data();
            float[] got = c.model().parameters().get("model.layers.0.mlp.up_proj.weight").toFloatArray();
            float[] up = w.get("model.layers.0.mlp.up_proj.weight").data();
            for (int i = 0; i < up.length; i++) {
                int truncated = Float.floatToRawIntBits(up[i]) & 0xffff0000;
                assertEquals(truncated, Float.floatToRawIntBits(got[i]), "bf16 is the top half of the f32");
            }
            assertEquals(orig[0], c.model().parameters().get("model.norm.weight").toFloatArray()[0]);
        }
    }

    /** A safetensors file with every tensor as BF16 (each f32 truncated to its top 16 bits). */
    static byte[] bf16File(Map<String, HostTensor> tensors) {
        StringBuilder h = new StringBuilder("{");
        long off = 0;
        for (Map.Entry<String, HostTensor> e : tensors.entrySet()) {
            long end = off + 2L * e.getValue().data().length;
            h.append(h.length() > 1 ? "," : "").append('"').append(e.getKey()).append("\":{\"dtype\":\"BF16\",\"shape\":")
                    .append(java.util.Arrays.toString(e.getValue().shape()).replace(" ", ""))
                    .append(",\"data_offsets\":[").append(off).append(',').append(end).append("]}");
            off = end;
        }
        byte[] header = h.append('}').toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate((int) (8 + header.length + off)).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length).put(header);
        for (HostTensor t : tensors.values()) {
            for (float f : t.data()) {
                b.putShort((short) (Float.floatToRawIntBits(f) >>> 16));
            }
        }
        return b.array();
    }
}
