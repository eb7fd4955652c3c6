package io.r1forge.stages.grpo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.r1forge.stages.generate.Scorer;
import io.r1forge.stages.generate.TokenBatch;
import io.r1forge.stages.generate.TokenScores;
import io.r1forge.stages.model.CausalLm;
import io.r1forge.stages.train.Gradients;
import io.r1forge.stages.train.TrainStep;
import java.util.Arrays;

/**
 * The tensor side of a GRPO step: scoring a rollout without gradients (π_old, π_ref) and one optimizer update
 * (log-probs with gradients, ratio, clip, k3 KL, aggregate, backward, clip grad norm, AdamW) in micro-batches
 * of at most {@code microBatchSize} completions.
 */
final class PolicyUpdate {
    /**
     * What one update measured.
     *
     * @param loss full-batch loss
     * @param gradNorm global norm before clipping
     * @param lr learning rate used
     * @param clipFraction token-weighted over micro-batches
     * @param klMean token-weighted
     * @param entropyMean token-weighted
     */
    record Stats(double loss, double gradNorm, double lr, double clipFraction, double klMean, double entropyMean) {}

    private final CausalLm policy;
    private final TrainStep trainStep;
    private final LossSettings settings;
    private final int microBatchSize;
    private final int padId;

    PolicyUpdate(CausalLm policy, TrainStep trainStep, LossSettings settings, int microBatchSize, int padId) {
        this.policy = policy;
        this.trainStep = trainStep;
        this.settings = settings;
        this.microBatchSize = microBatchSize;
        this.padId = padId;
    }

    /** [B][completion length] log-probabilities of the rollout's completion tokens under {@code model}, no grad. */
    float[][] logps(CausalLm model, Rollout r, NDManager base) {
        return Gradients.noGrad(() -> {
            float[][] out = new float[r.size()][];
            for (int from = 0; from < r.size(); from += microBatchSize) {
                int to = Math.min(r.size(), from + microBatchSize);
                try (NDManager mb = base.newSubManager()) {
                    TokenScores s = Scorer.score(model, batch(mb, r, from, to));
                    float[][] rows = Ragged.gather(s.logps(), s.mask());
                    System.arraycopy(rows, 0, out, from, to - from);
                }
            }
            return out;
        });
    }

    /** One optimizer step on the rollout. */
    Stats update(Rollout r, NDManager base) {
        int k = (r.size() + microBatchSize - 1) / microBatchSize;
        BatchTotals totals = new BatchTotals(r.size(), r.tokenCount());
        double[] sums = new double[4]; // tokens, clip·tokens, kl·tokens, entropy·tokens
        TrainStep.Result res = trainStep.run(k, (i, mb) -> {
            int from = i * microBatchSize;
            int to = Math.min(r.size(), from + microBatchSize);
            TokenScores s = Scorer.score(policy, batch(mb, r, from, to));
            LossAndMetrics lm = GrpoMath.loss(inputs(r, from, to, s, mb), settings, totals);
            sums[0] += lm.tokens();
            sums[1] += lm.clipFraction() * lm.tokens();
            sums[2] += lm.klMean() * lm.tokens();
            sums[3] += GrpoMath.maskedMean(s.entropy(), s.mask()) * lm.tokens();
            // each micro-batch loss is already normalised by the whole batch (totals); TrainStep divides by k
            return lm.loss().mul((float) k);
        }, base);
        double tokens = Math.max(sums[0], 1);
        return new Stats(res.loss(), res.gradNorm(), res.lr(), sums[1] / tokens, sums[2] / tokens,
                sums[3] / tokens);
    }

    private static LossInputs inputs(Rollout r, int from, int to, TokenScores s, NDManager mb) {
        NDArray old = r.oldLogps() == null
                ? s.logps().stopGradient() // μ = 1: π_old is the current policy, ρ = 1 with its gradient
                : Ragged.scatter(mb, Arrays.copyOfRange(r.oldLogps(), from, to), s.mask());
        NDArray ref = r.refLogps() == null ? null : Ragged.scatter(mb, Arrays.copyOfRange(r.refLogps(), from, to),
                s.mask());
        NDArray adv = mb.create(Arrays.copyOfRange(r.advantages(), from, to)); // [b]
        return new LossInputs(s.logps(), old, ref, adv, s.mask());
    }

    private TokenBatch batch(NDManager mb, Rollout r, int from, int to) {
        return TokenBatch.of(mb, r.promptIds().subList(from, to), r.completionIds().subList(from, to), padId);
    }
}
