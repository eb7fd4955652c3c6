package io.r1forge.stages.pipeline;

import ai.djl.ndarray.NDManager;
import io.r1forge.stages.io.AtomicDirectory;
import io.r1forge.stages.io.Checkpoint.LoadedCheckpoint;
import io.r1forge.stages.tokenizer.TextTokenizer;
import io.r1forge.stages.train.TrainStep;
import io.r1forge.stages.train.TrainingState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Drives a {@link Trainable} to its last step with periodic resumable snapshots, in a stage output directory:
 *
 * <pre>
 *   out/resume/checkpoint/   weights at the snapshot step (Hugging Face layout)
 *   out/resume/state/        TrainingState (step, AdamW moments, RNG, data cursor)
 *   out/checkpoint/          the final checkpoint, written when training is done
 *   out/metrics.jsonl        every step's metrics ({@link MetricsLog})
 * </pre>
 *
 * A snapshot is written whole by {@link AtomicDirectory} ({@code out/resume.tmp} renamed over {@code out/resume}),
 * so weights and state always belong to the same step. {@link #resumeSource} tells a stage where to load its model
 * from. A stopped stage resumed from its snapshot ends with the weights and metrics of an uninterrupted one.
 */
public final class TrainingLoop {
    public static final String RESUME = "resume";
    public static final String CHECKPOINT = "checkpoint";

    private TrainingLoop() {}

    /** The snapshot checkpoint to continue from if {@code out} has one, else {@code start}. */
    public static Path resumeSource(Path out, Path start) {
        Path snap = out.resolve(RESUME);
        return Files.isDirectory(snap.resolve(CHECKPOINT)) && Files.isDirectory(snap.resolve("state"))
                ? snap.resolve(CHECKPOINT) : start;
    }

    /**
     * Loads the model from the snapshot or {@code start}, builds the trainer on it, restores its state if resuming,
     * trains to the end and saves {@code out/checkpoint}.
     *
     * @param checkpointEvery snapshot every this many steps (0 = never: a killed stage restarts from step 0)
     * @return the last step's metrics
     */
    public static Map<String, Double> run(String stage, Path start, Path out, NDManager manager,
            Function<LoadedCheckpoint, Trainable> trainerFactory, int checkpointEvery, StepListener listener) {
        Path source = resumeSource(out, start);
        try (LoadedCheckpoint loaded = Checkpoints.load(source, manager);
                Trainable trainer = trainerFactory.apply(loaded)) {
            if (!source.equals(start)) {
                TrainingState state = TrainingState.load(out.resolve(RESUME).resolve("state"), trainer.optimizer());
                trainer.restore(state);
            }
            MetricsLog.truncate(out, trainer.step());
            Map<String, Double> last = Map.of();
            while (trainer.step() < trainer.totalSteps()) {
                last = trainer.trainStep();
                long step = trainer.step();
                MetricsLog.append(out, step, last);
                listener.onStep(stage, step, trainer.totalSteps(), last);
                if (checkpointEvery > 0 && step % checkpointEvery == 0 && step < trainer.totalSteps()) {
                    snapshot(out, trainer, loaded.tokenizer());
                }
            }
            Checkpoints.save(out.resolve(CHECKPOINT), trainer.model(), loaded.tokenizer());
            return last;
        }
    }

    /** Loss, gradient norm and learning rate of an optimizer step, then {@code extra}. */
    public static Map<String, Double> metrics(TrainStep.Result r, Map<String, Double> extra) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", r.loss());
        m.put("grad_norm", r.gradNorm());
        m.put("lr", r.lr());
        m.putAll(extra);
        return m;
    }

    /** Writes weights + state as one directory {@code out/resume}. */
    static void snapshot(Path out, Trainable trainer, TextTokenizer tokenizer) {
        AtomicDirectory.write(out.resolve(RESUME), tmp -> {
            Checkpoints.save(tmp.resolve(CHECKPOINT), trainer.model(), tokenizer);
            trainer.state().save(tmp.resolve("state"), trainer.optimizer());
        });
    }

    /** Deletes a file tree if present ({@link AtomicDirectory#deleteTree}). */
    public static void deleteTree(Path p) throws IOException {
        AtomicDirectory.deleteTree(p);
    }
}
