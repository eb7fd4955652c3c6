package io.r1forge.stages.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.r1forge.stages.model.CausalLm;
import io.r1forge.stages.model.ModelConfig;
import io.r1forge.stages.tokenizer.HfTokenizer;
import io.r1forge.stages.tokenizer.TextTokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A model checkpoint in the Hugging Face layout, loadable by {@code transformers} as well: {@code config.json},
 * {@code model.safetensors} (F32; a sharded {@code model.safetensors.index.json} is read too),
 * {@code tokenizer.json}, {@code generation_config.json}.
 */
public final class Checkpoint {
    public static final String CONFIG = "config.json";
    public static final String TOKENIZER = "tokenizer.json";
    public static final String GENERATION_CONFIG = "generation_config.json";

    private Checkpoint() {}

    /** A loaded model, its tokenizer and generation defaults; closing releases the model and tokenizer. */
    public record LoadedCheckpoint(CausalLm model, TextTokenizer tokenizer, GenerationDefaults generation)
            implements AutoCloseable {
        public LoadedCheckpoint(CausalLm model, TextTokenizer tokenizer) {
            this(model, tokenizer, GenerationDefaults.r1(-1, tokenizer.eosId(), tokenizer.padId(), 256));
        }

        @Override
        public void close() {
            model.close();
            if (tokenizer instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing the tokenizer failed", e);
                }
            }
        }
    }

    /**
     * Writes a checkpoint directory atomically (see {@link AtomicDirectory}): a crash never leaves a directory
     * that looks complete. The tokenizer must be an {@link HfTokenizer} (its {@code tokenizer.json} is copied).
     */
    public static void save(Path dir, CausalLm model, TextTokenizer tokenizer, GenerationDefaults generation) {
        if (!(tokenizer instanceof HfTokenizer hf)) {
            throw new CheckpointException("cannot save a " + tokenizer.getClass().getSimpleName()
                    + ": only HfTokenizer has a tokenizer.json");
        }
        Map<String, HostTensor> weights = NdArrays.toHostMap(model.parameters());
        AtomicDirectory.write(dir, tmp -> {
            Files.writeString(tmp.resolve(CONFIG), model.config().toJson(), StandardCharsets.UTF_8);
            Safetensors.write(tmp.resolve(Safetensors.MODEL_FILE), weights, Map.of("format", "pt"));
            Files.writeString(tmp.resolve(TOKENIZER), hf.json(), StandardCharsets.UTF_8);
            Files.writeString(tmp.resolve(GENERATION_CONFIG), generation.toJson(), StandardCharsets.UTF_8);
        });
    }

    /**
     * Loads a checkpoint directory; the model's arrays live in a sub-manager of {@code parent}. Errors name a
     * missing file, a missing or misshapen tensor, and (through {@link ModelConfig}) an unknown architecture or
     * a missing config field. Without {@code generation_config.json}, EOS comes from {@code config.json}.
     */
    public static LoadedCheckpoint load(Path dir, NDManager parent) {
        ModelConfig config = ModelConfig.read(require(dir, CONFIG));
        Path tokenizerFile = require(dir, TOKENIZER);
        GenerationDefaults gen = generationDefaults(dir, config);
        CausalLm model;
        try (NDManager staging = parent.newSubManager()) {
            Map<String, NDArray> arrays = NdArrays.toNdMap(Safetensors.readDirectory(dir), staging);
            model = CausalLm.fromParameters(config, arrays, parent); // moves the arrays out of staging
        }
        try {
            return new LoadedCheckpoint(model, HfTokenizer.load(tokenizerFile, gen.eosTokenId(), gen.padTokenId()),
                    gen);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static GenerationDefaults generationDefaults(Path dir, ModelConfig config) {
        Path f = dir.resolve(GENERATION_CONFIG);
        if (Files.exists(f)) {
            return GenerationDefaults.read(f);
        }
        if (config.eosTokenId() < 0) {
            throw new CheckpointException("missing file " + f + " and config.json names no eos_token_id");
        }
        return GenerationDefaults.r1(config.bosTokenId(), config.eosTokenId(), config.eosTokenId(), 256);
    }

    private static Path require(Path dir, String name) {
        if (!Files.isDirectory(dir)) {
            throw new CheckpointException("checkpoint directory " + dir + " does not exist");
        }
        Path f = dir.resolve(name);
        if (!Files.isRegularFile(f)) {
            throw new CheckpointException("missing file " + f);
        }
        return f;
    }

    /** Total bytes of the files in a checkpoint directory (for manifests and progress). */
    public static long sizeBytes(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
