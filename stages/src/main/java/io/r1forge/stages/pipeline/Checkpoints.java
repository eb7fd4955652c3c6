package io.r1forge.stages.pipeline;

import ai.djl.ndarray.NDManager;
import io.r1forge.stages.io.Checkpoint;
import io.r1forge.stages.io.Checkpoint.LoadedCheckpoint;
import io.r1forge.stages.io.GenerationDefaults;
import io.r1forge.stages.io.Safetensors;
import io.r1forge.stages.model.CausalLm;
import io.r1forge.stages.tokenizer.TextTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Checkpoint save/load for the stages (the one place that calls the IO package) and a weights digest. */
public final class Checkpoints {
    /** Default generation budget written into generation_config.json (the tiny world's completions are short). */
    public static final int DEFAULT_MAX_NEW_TOKENS = 256;

    private Checkpoints() {}

    public static void save(Path dir, CausalLm model, TextTokenizer tokenizer) {
        Checkpoint.save(dir, model, tokenizer, GenerationDefaults.r1(model.config().bosTokenId(), tokenizer.eosId(),
                tokenizer.padId(), DEFAULT_MAX_NEW_TOKENS));
    }

    public static LoadedCheckpoint load(Path dir, NDManager manager) {
        return Checkpoint.load(dir, manager);
    }

    /** sha256 of the checkpoint's weights file ("" when there is none, e.g. a sharded checkpoint). */
    public static String sha256(Path dir) {
        Path f = dir.resolve(Safetensors.MODEL_FILE);
        if (!Files.isRegularFile(f)) {
            return "";
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(f), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
