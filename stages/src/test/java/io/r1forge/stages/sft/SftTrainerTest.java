package io.r1forge.stages.sft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.r1forge.stages.io.HostTensor;
import io.r1forge.stages.io.NdArrays;
import io.r1forge.stages.model.CausalLm;
import io.r1forge.stages.model.ModelConfig;
import io.r1forge.stages.train.TrainingState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftTrainerTest {
    static final ModelConfig CONFIG =
            new ModelConfig(ModelConfig.LLAMA, CharTokenizer.VOCAB, 32, 64, 2, 2, 1, 128, 1e-6, 10_000.0, true, false,
                    -1, 1);
    static final SftSettings SETTINGS = new SftSettings(3, 4, 2, 3e-3, 2, 0.1, 1.0, 0.01, 64, 0, 6);

    static List<SftExample> data() {
        List<SftExample> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            out.add(new SftExample("e" + i, "q" + i + ": add " + i + " and 2", " " + (i + 2), Map.of()));
        }
        return out;
    }

    private static Map<String, HostTensor> train(CausalLm model, int steps, NDManager m) {
        try (SftTrainer t = new SftTrainer(model, new CharTokenizer(), data(), SETTINGS, 7, m)) {
            while (t.step() < steps) {
                t.trainStep();
            }
            return NdArrays.toHostMap(model.parameters());
        }
    }

    @Test
    void resumeFromStateIsBitForBitTheStraightRun(@TempDir Path tmp) {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, HostTensor> straight = train(CausalLm.initialize(CONFIG, 1, m), 6, m);

            CausalLm first = CausalLm.initialize(CONFIG, 1, m);
            Map<String, HostTensor> half;
            try (SftTrainer t = new SftTrainer(first, new CharTokenizer(), data(), SETTINGS, 7, m)) {
                for (int i = 0; i < 3; i++) {
                    t.trainStep();
                }
                t.state().save(tmp.resolve("state"), t.optimizer());
                half = NdArrays.toHostMap(first.parameters());
            }
            CausalLm second = CausalLm.fromParameters(CONFIG, NdArrays.toNdMap(half, m), m);
            Map<String, HostTensor> resumed;
            try (SftTrainer t = new SftTrainer(second, new CharTokenizer(), data(), SETTINGS, 7, m)) {
                t.restore(TrainingState.load(tmp.resolve("state"), t.optimizer()));
                assertEquals(3, t.step());
                while (!t.done()) {
                    t.trainStep();
                }
                resumed = NdArrays.toHostMap(second.parameters());
            }
            assertEquals(straight.keySet(), resumed.keySet());
            straight.forEach((name, p) -> assertArrayEquals(p.data(), resumed.get(name).data(), 0f, name));
        }
    }

    @Test
    void trainingLowersTheCompletionLoss() {
        try (NDManager m = NDManager.newBaseManager()) {
            CausalLm model = CausalLm.initialize(CONFIG, 3, m);
            SftSettings longer = new SftSettings(30, 10, 10, 1e-2, 2, 0.1, 1.0, 0.0, 64, 0, 0);
            try (SftTrainer t = new SftTrainer(model, new CharTokenizer(), data(), longer, 7, m)) {
                double firstLoss = t.optimizerStep().loss();
                double lastLoss = firstLoss;
                while (!t.done()) {
                    lastLoss = t.optimizerStep().loss();
                }
                assertEquals(30, t.totalSteps());
                assertTrue(lastLoss < 0.5 * firstLoss, "loss " + firstLoss + " -> " + lastLoss);
            }
        }
    }

    @Test
    void microBatchingDoesNotChangeTheStep() {
        try (NDManager m = NDManager.newBaseManager()) {
            SftSettings whole = new SftSettings(1, 4, 4, 3e-3, 0, 0.1, 0.0, 0.0, 64, 0, 1);
            SftSettings split = new SftSettings(1, 4, 1, 3e-3, 0, 0.1, 0.0, 0.0, 64, 0, 1);
            double[] losses = new double[2];
            int i = 0;
            for (SftSettings s : List.of(whole, split)) {
                CausalLm model = CausalLm.initialize(CONFIG, 5, m);
                try (SftTrainer t = new SftTrainer(model, new CharTokenizer(), data(), s, 7, m)) {
                    losses[i++] = t.optimizerStep().loss();
                }
            }
            assertEquals(losses[0], losses[1], 1e-5);
        }
    }
}
