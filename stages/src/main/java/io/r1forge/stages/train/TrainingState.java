package io.r1forge.stages.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.r1forge.stages.io.AtomicDirectory;
import io.r1forge.stages.io.HostTensor;
import io.r1forge.stages.io.Safetensors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a stopped training needs besides the weights to continue exactly: step, AdamW moments and step count,
 * RNG position, data cursor. Stored in its own directory (beside the Hugging Face checkpoint, never inside it):
 * {@code state.json} and {@code optimizer.safetensors}.
 *
 * @param step training steps completed (the schedule position: the next step uses {@code lr(step)})
 * @param optimizerSteps AdamW's t (equals step unless some steps were skipped)
 * @param rngSeed seed of the trainer's {@link CounterRng}
 * @param rngCounter values drawn from it so far
 * @param dataCursor position in the training data (examples consumed)
 * @param extra trainer-specific string values (e.g. the config hash); may be empty
 */
public record TrainingState(long step, long optimizerSteps, long rngSeed, long rngCounter, long dataCursor,
        Map<String, String> extra) {
    public static final String STATE_FILE = "state.json";
    public static final String OPTIMIZER_FILE = "optimizer.safetensors";
    /** Version of this layout, written into state.json. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public TrainingState {
        extra = Map.copyOf(extra);
    }

    /** Captures the state of a running training. */
    public static TrainingState capture(long step, AdamW optimizer, CounterRng rng, long dataCursor,
            Map<String, String> extra) {
        return new TrainingState(step, optimizer.stepCount(), rng.seed(), rng.counter(), dataCursor, extra);
    }

    /** The RNG at the saved position. */
    public CounterRng rng() {
        return new CounterRng(rngSeed, rngCounter);
    }

    /** On-disk form of state.json. */
    private record Json(int formatVersion, long step, long optimizerSteps, long rngSeed, long rngCounter,
            long dataCursor, Map<String, String> extra) {}

    /**
     * Writes the state and the optimizer's moments to {@code dir}, atomically: everything goes to a sibling
     * temporary directory which then replaces {@code dir} by rename, so a crash leaves either the old state or
     * the new one, never a mix.
     */
    public void save(Path dir, AdamW optimizer) {
        Map<String, HostTensor> moments = optimizer.exportState();
        Json j = new Json(FORMAT_VERSION, step, optimizerSteps, rngSeed, rngCounter, dataCursor, extra);
        AtomicDirectory.write(dir, tmp -> {
            Safetensors.write(tmp.resolve(OPTIMIZER_FILE), moments, Map.of("format", "pt", "optimizer", "AdamW"));
            Files.writeString(tmp.resolve(STATE_FILE), JSON.writeValueAsString(j));
        });
    }

    /** Reads a saved state and loads the moments into {@code optimizer}; errors name a missing file. */
    public static TrainingState load(Path dir, AdamW optimizer) {
        TrainingState s = read(dir);
        Map<String, HostTensor> moments = Safetensors.read(requireFile(dir.resolve(OPTIMIZER_FILE)));
        optimizer.importState(moments, s.optimizerSteps());
        return s;
    }

    /** Reads state.json only. */
    public static TrainingState read(Path dir) {
        Path f = requireFile(dir.resolve(STATE_FILE));
        try {
            Json j = JSON.readValue(f.toFile(), Json.class);
            if (j.formatVersion() != FORMAT_VERSION) {
                throw new IllegalStateException(f + " has format version " + j.formatVersion() + ", expected "
                        + FORMAT_VERSION);
            }
            return new TrainingState(j.step(), j.optimizerSteps(), j.rngSeed(), j.rngCounter(), j.dataCursor(),
                    j.extra() == null ? Map.of() : j.extra());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("invalid training state " + f + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }

    private static Path requireFile(Path f) {
        if (!Files.isRegularFile(f)) {
            throw new IllegalStateException("missing training state file " + f);
        }
        return f;
    }
}
