package io.r1forge.stages.grpo;

import static io.r1forge.stages.grpo.GrpoFixtures.config;
import static io.r1forge.stages.grpo.GrpoFixtures.options;
import static io.r1forge.stages.grpo.GrpoFixtures.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.r1forge.stages.model.CausalLm;
import io.r1forge.stages.spec.GrpoConfig;
import io.r1forge.stages.tokenizer.HfTokenizer;
import io.r1forge.stages.train.LrSchedule;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GRPO steps on a random tiny model with toy rewards. */
class GrpoTrainerTest {
    private NDManager nd;
    private HfTokenizer tok;

    @BeforeEach
    void open() {
        nd = NDManager.newBaseManager();
        tok = GrpoFixtures.tokenizer();
    }

    @AfterEach
    void close() {
        tok.close();
        nd.close();
    }

    private GrpoTrainer trainer(CausalLm policy, CausalLm ref, GrpoRewards rewards, GrpoConfig cfg, int micro) {
        return new GrpoTrainer(policy, ref, tok, rewards, problems(32), LrSchedule.constant(cfg.learningRate()),
                cfg, options(micro), nd);
    }

    @Test
    void oneStepChangesTheParametersAndReportsMetrics() {
        CausalLm policy = GrpoFixtures.tinyModel(tok, 1, nd);
        Map<String, float[]> before = GrpoFixtures.snapshot(policy);
        GrpoConfig cfg = config(4, 4, 8, 0.0, 1, 1e-3, 7);
        try (GrpoTrainer t = trainer(policy, null, GrpoRewards.of(GrpoFixtures.digitShare()), cfg, 32)) {
            StepMetrics m = t.step();
            assertTrue(GrpoFixtures.maxDiff(before, GrpoFixtures.snapshot(policy)) > 1e-5, "parameters moved");
            assertEquals(1, m.step());
            assertEquals(16, t.lastRollout().size());
            assertTrue(m.rewardMean() >= 0 && m.rewardMean() <= 1, "digit share in [0, 1]: " + m.rewardMean());
            assertTrue(m.completionLengthMean() > 0 && m.completionLengthMean() <= 8, "length " + m);
            assertEquals(0.0, m.clipFraction(), "μ = 1: ρ = 1 everywhere");
            assertEquals(0.0, m.klMean(), "β = 0: no KL");
            assertTrue(m.entropyMean() > 3, "a random model over ~100 tokens is near-uniform: " + m.entropyMean());
            assertTrue(m.gradNorm() > 0 && Double.isFinite(m.loss()), m.toString());
            assertEquals(1e-3, m.lr(), 1e-12);
            assertTrue(m.rewardMeanByName().containsKey("accuracy") && m.rewardMeanByName().containsKey("format"));
            assertEquals(0.0, m.formatRate(), "random text has no think/answer tags");
        }
    }

    @Test
    void zeroVarianceGroupsLeaveTheParametersUnchanged() {
        CausalLm policy = GrpoFixtures.tinyModel(tok, 2, nd);
        Map<String, float[]> before = GrpoFixtures.snapshot(policy);
        // β = 0 and no weight decay: the only gradient is the surrogate's, which is 0 when every advantage is 0
        GrpoConfig cfg = config(2, 4, 6, 0.0, 1, 1e-2, 3);
        try (GrpoTrainer t = trainer(policy, null, GrpoRewards.of(GrpoFixtures.constant(1.0)), cfg, 32)) {
            StepMetrics m = t.step();
            assertEquals(1.0, m.zeroVarianceFraction());
            assertEquals(0.0, m.gradNorm());
            assertEquals(0.0, GrpoFixtures.maxDiff(before, GrpoFixtures.snapshot(policy)));
        }
    }

    @Test
    void microBatchesGiveTheFullBatchUpdate() {
        GrpoConfig cfg = config(4, 4, 8, 0.0, 1, 1e-3, 11);
        Map<String, float[]> whole;
        Map<String, float[]> split;
        StepMetrics a;
        StepMetrics b;
        try (CausalLm p = GrpoFixtures.tinyModel(tok, 5, nd);
                GrpoTrainer t = trainer(p, null, GrpoRewards.of(GrpoFixtures.digitShare()), cfg, 16)) {
            a = t.step();
            whole = GrpoFixtures.snapshot(p);
        }
        try (CausalLm p = GrpoFixtures.tinyModel(tok, 5, nd);
                GrpoTrainer t = trainer(p, null, GrpoRewards.of(GrpoFixtures.digitShare()), cfg, 5)) {
            b = t.step();
            split = GrpoFixtures.snapshot(p);
        }
        assertEquals(a.loss(), b.loss(), 1e-6);
        assertEquals(a.gradNorm(), b.gradNorm(), 1e-5 * a.gradNorm());
        // AdamW's first step is ≈ lr·g/|g|: rounding differences of near-zero gradient entries are amplified
        // (a flipped sign would show as 2·lr = 2e-3; measured 3.4e-6)
        assertTrue(GrpoFixtures.maxDiff(whole, split) < 1e-5, "max diff " + GrpoFixtures.maxDiff(whole, split));
    }

    @Test
    void klAndClippingAppearWithAReferenceAndSeveralIterations() {
        CausalLm policy = GrpoFixtures.tinyModel(tok, 3, nd);
        CausalLm ref = policy.copyFrozen(nd);
        GrpoConfig cfg = config(4, 4, 8, 0.05, 3, 3e-3, 5);
        try (GrpoTrainer t = trainer(policy, ref, GrpoRewards.of(GrpoFixtures.digitShare()), cfg, 32)) {
            StepMetrics first = t.step();
            StepMetrics second = t.step();
            assertTrue(first.klMean() >= 0, "k3 KL is non-negative");
            assertTrue(second.klMean() > 1e-6, "the policy moved away from the reference: " + second.klMean());
            assertTrue(second.clipFraction() > 0, "μ = 3 at lr 3e-3 moves ρ past 1 ± 0.2: " + second);
            assertEquals(6, t.optimizer().stepCount(), "μ optimizer steps per GRPO step");
        }
    }

    @Test
    void arraysDoNotAccumulateOverSteps() {
        CausalLm policy = GrpoFixtures.tinyModel(tok, 4, nd);
        CausalLm ref = policy.copyFrozen(nd);
        GrpoConfig cfg = config(2, 4, 6, 0.05, 2, 1e-3, 8); // β > 0 and μ = 2: every path of a step
        try (GrpoTrainer t = trainer(policy, ref, GrpoRewards.of(GrpoFixtures.digitShare()), cfg, 3)) {
            t.step();
            t.step();
            int after2 = nd.getManagedArrays().size();
            for (int i = 0; i < 4; i++) {
                t.step();
            }
            assertEquals(after2, nd.getManagedArrays().size(), "arrays alive after 2 and after 6 steps");
        }
    }
}
