package io.r1forge.stages.grpo;

import ai.djl.ndarray.NDManager;
import io.r1forge.stages.io.Checkpoint;
import io.r1forge.stages.io.Checkpoint.LoadedCheckpoint;
import io.r1forge.stages.model.CausalLm;
import io.r1forge.stages.spec.GrpoConfig;
import io.r1forge.stages.train.LrSchedule;
import io.r1forge.stages.train.TrainingState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Runs a GRPO stage on local files (no Temporal, no S3):
 *
 * <pre>
 *   out/resume/checkpoint/  policy weights at the last snapshot (Hugging Face layout)
 *   out/resume/state/       TrainingState: step, AdamW moments, seed counter, data cursor
 *   out/checkpoint/         the final policy
 *   out/metrics.jsonl, out/samples.jsonl (see StageFiles)
 * </pre>
 *
 * A snapshot is written every {@code checkpointEvery} steps into {@code out/resume.tmp} and renamed over
 * {@code out/resume}, so weights and state always belong to the same step; it is committed before the listener
 * hears of the step. A run that finds a snapshot continues from it and reproduces the uninterrupted run.
 */
public final class GrpoStage {
    static final String RESUME = "resume";
    static final String CHECKPOINT = "checkpoint";
    static final String STATE = "state";

    private GrpoStage() {}

    public static GrpoStageResult run(GrpoStageRequest req) {
        long t0 = System.nanoTime();
        GrpoConfig cfg = req.config();
        Path out = req.outDir();
        boolean resuming = Files.isDirectory(out.resolve(RESUME).resolve(STATE));
        try (NDManager nd = NDManager.newBaseManager();
                LoadedCheckpoint start = Checkpoint.load(resuming ? out.resolve(RESUME).resolve(CHECKPOINT)
                        : req.baseCheckpoint(), nd);
                CausalLm reference = cfg.beta() > 0 ? reference(req.baseCheckpoint(), start, resuming, nd) : null;
                GrpoTrainer trainer = new GrpoTrainer(start.model(), reference, start.tokenizer(), req.rewards(),
                        req.train(), schedule(cfg), cfg, req.options(), nd)) {
            if (resuming) {
                trainer.restore(TrainingState.load(out.resolve(RESUME).resolve(STATE), trainer.optimizer()));
            }
            StageFiles.truncateMetrics(out, trainer.stepCount());
            while (trainer.stepCount() < cfg.maxSteps()) {
                StepMetrics m = trainer.step();
                StageFiles.appendMetrics(out, m);
                StageFiles.writeStepSamples(out, m.step(), trainer.lastRollout(), req.sampleSteps());
                if (cfg.checkpointEvery() > 0 && m.step() % cfg.checkpointEvery() == 0
                        && m.step() < cfg.maxSteps()) {
                    snapshot(out, trainer, start);
                }
                req.listener().onStep(m.step(), cfg.maxSteps(), m);
            }
            Path finalCheckpoint = out.resolve(CHECKPOINT);
            Checkpoint.save(finalCheckpoint, trainer.policy(), start.tokenizer(), start.generation());
            Path samples = StageFiles.collectSamples(out, trainer.stepCount(), req.sampleSteps());
            return new GrpoStageResult(StageFiles.lastMetrics(out), trainer.stepCount(),
                    (System.nanoTime() - t0) / 1e9, finalCheckpoint, out.resolve(StageFiles.METRICS), samples);
        }
    }

    /** Warm-up then constant (TRL's default decays linearly to 0; a constant rate is what the tiny world measured). */
    static LrSchedule schedule(GrpoConfig cfg) {
        return new LrSchedule(LrSchedule.Kind.CONSTANT, cfg.learningRate(), cfg.warmupSteps(), 0, 1);
    }

    /** π_ref is the stage's starting model: a frozen copy of it, reloaded from the base checkpoint on resume. */
    private static CausalLm reference(Path base, LoadedCheckpoint start, boolean resuming, NDManager nd) {
        if (!resuming) {
            return start.model().copyFrozen(nd);
        }
        try (LoadedCheckpoint loaded = Checkpoint.load(base, nd)) {
            return loaded.model().copyFrozen(nd);
        }
    }

    private static void snapshot(Path out, GrpoTrainer trainer, LoadedCheckpoint start) {
        Path tmp = out.resolve(RESUME + ".tmp");
        Path dir = out.resolve(RESUME);
        Path old = out.resolve(RESUME + ".old");
        try {
            deleteTree(tmp);
            Files.createDirectories(tmp);
            Checkpoint.save(tmp.resolve(CHECKPOINT), trainer.policy(), start.tokenizer(), start.generation());
            trainer.state().save(tmp.resolve(STATE), trainer.optimizer());
            deleteTree(old);
            if (Files.exists(dir)) {
                Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(old);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a GRPO snapshot in " + out, e);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
