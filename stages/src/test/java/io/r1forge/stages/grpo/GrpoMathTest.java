package io.r1forge.stages.grpo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.r1forge.stages.spec.LossType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hand-computed values for each piece of the GRPO objective; the arithmetic is in the comments. */
class GrpoMathTest {
    private static final float TOL = 1e-5f;
    private NDManager nd;

    @BeforeEach
    void open() {
        nd = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        nd.close();
    }

    private NDArray rows(float[][] values) {
        return nd.create(values);
    }

    private static float[] host(NDArray a) {
        return a.toFloatArray();
    }

    @Test
    void advantagesUseBesselStdAndEpsilonInTheDenominator() {
        // group [1,0,0,0]: mean 0.25, centred [.75,-.25,-.25,-.25], Σ² = .5625 + 3·.0625 = .75
        // unbiased var = .75 / 3 = .25 → std .5 (biased would be sqrt(.1875) = .4330 → A0 = 1.732)
        // A = .75 / (.5 + 1e-4) = 1.4997001, −.25 / .5001 = −0.4999000
        NDArray rewards = nd.create(new float[] {1, 0, 0, 0});
        float[] a = host(GrpoMath.groupAdvantages(rewards, 4, true));
        assertArrayEquals(new float[] {1.4997001f, -0.4999000f, -0.4999000f, -0.4999000f}, a, TOL);
        assertEquals(true, GrpoMath.STD_UNBIASED);
    }

    @Test
    void epsilonBoundsTheAdvantageOfNearlyConstantGroups() {
        // group [0, 2e-4]: centred ±1e-4, unbiased std = sqrt(2e-8 / 1) = 1.41421e-4
        // A = 1e-4 / (1.41421e-4 + 1e-4) = 0.414214 (without ε it would be 0.7071)
        NDArray rewards = nd.create(new double[] {0, 2e-4});
        double[] a = GrpoMath.groupAdvantages(rewards, 2, true).toDoubleArray();
        assertEquals(-0.414214, a[0], 1e-6);
        assertEquals(0.414214, a[1], 1e-6);
        assertEquals(1e-4, GrpoMath.ADVANTAGE_EPS);
    }

    @Test
    void zeroVarianceGroupsGetExactlyZeroAdvantage() {
        // 0.1f is not representable: Σ/4 of four 0.1f may differ from 0.1f by an ulp; the group is still constant.
        NDArray rewards = nd.create(new float[] {0.1f, 0.1f, 0.1f, 0.1f, 2, 2, 2, 2, 0, 1, 1, 1});
        float[] a = host(GrpoMath.groupAdvantages(rewards, 4, true));
        for (int i = 0; i < 8; i++) {
            assertEquals(0.0f, a[i], "constant group, index " + i);
        }
        // group [0,1,1,1]: mean .75, centred [−.75,.25,.25,.25], unbiased std .5 → A0 = −.75/.5001 = −1.4997
        assertEquals(-1.4997001f, a[8], TOL);
    }

    @Test
    void singleGenerationGroupsHaveNoSignal() {
        float[] a = host(GrpoMath.groupAdvantages(nd.create(new float[] {3, 5}), 1, true));
        assertArrayEquals(new float[] {0, 0}, a);
    }

    @Test
    void unscaledAdvantagesAreRewardMinusMean() {
        // Dr. GRPO: [1,0,0,0] → [.75, −.25, −.25, −.25]; [0,4] → [−2, 2]
        float[] a = host(GrpoMath.groupAdvantages(nd.create(new float[] {1, 0, 0, 0, 0, 4, 0, 0}), 4, false));
        assertArrayEquals(new float[] {0.75f, -0.25f, -0.25f, -0.25f, -1, 3, -1, -1}, a, TOL);
    }

    @Test
    void rewardsMustSplitIntoGroups() {
        assertThrows(
                IllegalArgumentException.class,
                () -> GrpoMath.groupAdvantages(nd.create(new float[] {1, 2, 3}), 2, true));
    }

    /** ρ = [[1.5, 0.5], [1.5, 0.5]], A = [2, −1]. */
    private NDArray[] surrogateInputs() {
        float ln15 = (float) Math.log(1.5);
        float ln05 = (float) Math.log(0.5);
        NDArray logps = rows(new float[][] {{ln15, ln05}, {ln15, ln05}});
        NDArray old = nd.zeros(new Shape(2, 2));
        NDArray adv = nd.create(new float[] {2, -1});
        return new NDArray[] {logps, old, adv};
    }

    @Test
    void clippedSurrogateTakesThePessimisticBranch() {
        NDArray[] in = surrogateInputs();
        Surrogate s = GrpoMath.clippedSurrogate(in[0], in[1], in[2], 0.2, 0.2);
        // (0,0) ρ=1.5 A=2:  ρA=3.0,  clip→1.2·2=2.4,   min 2.4  → −2.4, clipped
        // (0,1) ρ=.5  A=2:  ρA=1.0,  clip→.8·2=1.6,    min 1.0  → −1.0
        // (1,0) ρ=1.5 A=−1: ρA=−1.5, clip→1.2·−1=−1.2, min −1.5 → 1.5
        // (1,1) ρ=.5  A=−1: ρA=−.5,  clip→.8·−1=−.8,   min −.8  → 0.8, clipped
        assertArrayEquals(new float[] {-2.4f, -1.0f, 1.5f, 0.8f}, host(s.perTokenLoss()), TOL);
        assertArrayEquals(new float[] {1, 0, 0, 1}, host(s.clipped()));
    }

    @Test
    void epsilonHighWidensOnlyTheUpperClip() {
        NDArray[] in = surrogateInputs();
        Surrogate s = GrpoMath.clippedSurrogate(in[0], in[1], in[2], 0.2, 0.28);
        // (0,0): clip(1.5) = 1.28 → 2.56; (1,1) lower clip unchanged at .8
        assertArrayEquals(new float[] {-2.56f, -1.0f, 1.5f, 0.8f}, host(s.perTokenLoss()), TOL);
    }

    @Test
    void clippedTokensHaveZeroGradient() {
        NDArray[] in = surrogateInputs();
        in[0].setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            Surrogate s = GrpoMath.clippedSurrogate(in[0], in[1], in[2], 0.2, 0.2);
            gc.backward(s.perTokenLoss().sum());
        }
        // d(−ρA)/d logp = −ρA where unclipped: (0,1) −.5·2 = −1; (1,0) −1.5·−1 = 1.5; clipped tokens 0
        assertArrayEquals(new float[] {0, -1, 1.5f, 0}, host(in[0].getGradient()), TOL);
    }

    @Test
    void k3KlIsTheRatioEstimator() {
        float lnHalf = (float) Math.log(0.5);
        float lnQuarter = (float) Math.log(0.25);
        NDArray logps = nd.create(new float[] {lnHalf, lnHalf, lnQuarter});
        NDArray ref = nd.create(new float[] {lnQuarter, lnHalf, lnHalf});
        // d = ref − logp: ln .5 → .5 + .693147 − 1 = .193147; 0 → 0; ln 2 → 2 − .693147 − 1 = .306853
        assertArrayEquals(new float[] {0.193147f, 0, 0.306853f}, host(GrpoMath.k3Kl(logps, ref)), TOL);
    }

    private NDArray aggLoss() {
        return rows(new float[][] {{1, 2, 3}, {4, 5, 6}});
    }

    private NDArray aggMask() {
        return rows(new float[][] {{1, 1, 0}, {1, 0, 0}});
    }

    @Test
    void grpoAggregationAveragesPerSequenceFirst() {
        // seq 0: (1+2)/2 = 1.5; seq 1: 4/1 = 4 → (1.5 + 4)/2 = 2.75
        assertEquals(2.75f, GrpoMath.aggregate(LossType.GRPO, aggLoss(), aggMask(), 4).getFloat(), TOL);
    }

    @Test
    void dapoAggregationAveragesOverAllTokens() {
        // (1 + 2 + 4) / 3 tokens = 2.333333
        assertEquals(7f / 3, GrpoMath.aggregate(LossType.DAPO, aggLoss(), aggMask(), 4).getFloat(), TOL);
    }

    @Test
    void drGrpoAggregationDividesByAConstant() {
        // (1 + 2 + 4) / (B=2 × maxCompletionLength=4) = 0.875
        assertEquals(0.875f, GrpoMath.aggregate(LossType.DR_GRPO, aggLoss(), aggMask(), 4).getFloat(), TOL);
    }

    @Test
    void microBatchLossesAddUpToTheFullBatchLoss() {
        BatchTotals totals = BatchTotals.of(aggMask());
        for (LossType type : LossType.values()) {
            float full = GrpoMath.aggregate(type, aggLoss(), aggMask(), 4).getFloat();
            float parts = 0;
            for (int row = 0; row < 2; row++) {
                NDArray loss = aggLoss().get(row + ":" + (row + 1));
                NDArray mask = aggMask().get(row + ":" + (row + 1));
                parts += GrpoMath.aggregate(type, loss, mask, 4, totals).getFloat();
            }
            assertEquals(full, parts, TOL, type.name());
        }
    }

    @Test
    void zeroVarianceGroupsGiveNoSurrogateGradient() {
        NDArray advantages = GrpoMath.groupAdvantages(nd.create(new float[] {1, 1, 1, 1}), 4, true);
        NDArray logps = rows(new float[][] {{-1, -2}, {-0.5f, -3}, {-1, -1}, {-2, -2}});
        NDArray old = rows(new float[][] {{-1.1f, -2}, {-0.4f, -3}, {-1, -1.3f}, {-2, -1.9f}});
        NDArray mask = nd.ones(new Shape(4, 2));
        logps.setRequiresGradient(true);
        LossSettings settings = new LossSettings(LossType.GRPO, 0.0, 0.2, 0.2, 2);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            LossAndMetrics out =
                    GrpoMath.loss(new LossInputs(logps, old, null, advantages, mask), settings, BatchTotals.of(mask));
            gc.backward(out.loss());
        }
        assertArrayEquals(new float[8], host(logps.getGradient()), 0f); // ±0 both count
    }

    @Test
    void lossAddsBetaTimesKlAndReportsMetrics() {
        // one token: ρ = 1, A = 1 → surrogate −1; KL(logp=ln .5, ref=ln .25) = .193147; β=.5 → −1 + .0965736
        NDArray logps = rows(new float[][] {{(float) Math.log(0.5)}});
        NDArray ref = rows(new float[][] {{(float) Math.log(0.25)}});
        NDArray mask = nd.ones(new Shape(1, 1));
        LossSettings settings = new LossSettings(LossType.GRPO, 0.5, 0.2, 0.2, 1);
        LossAndMetrics out =
                GrpoMath.loss(
                        new LossInputs(logps, logps, ref, nd.create(new float[] {1}), mask),
                        settings,
                        BatchTotals.of(mask));
        assertEquals(-0.903426f, out.loss().getFloat(), TOL);
        assertEquals(0.193147, out.klMean(), 1e-5);
        assertEquals(0.0, out.clipFraction());
        assertEquals(1.0, out.tokens());
    }
}
