package io.r1forge.stages.grpo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import io.r1forge.stages.spec.LossType;

/**
 * The GRPO objective as small pure functions (DeepSeek-R1 §2.2.1, TRL {@code GRPOTrainer._compute_loss}).
 *
 * <p>Per token t of completion i, with ρ = π(o_t | q, o_&lt;t) / π_old(o_t | q, o_&lt;t):
 *
 * <pre>
 *   loss_{i,t} = −min(ρ·A_i, clip(ρ, 1−ε, 1+ε_high)·A_i) + β·KL_{i,t}
 *   KL_{i,t}   = π_ref/π − log(π_ref/π) − 1                      (k3 estimator, always ≥ 0)
 *   A_i        = (r_i − mean(r_group)) / (std(r_group) + ADVANTAGE_EPS)
 * </pre>
 *
 * and the per-token losses are reduced to one scalar by {@link #aggregate}. All functions return new
 * arrays owned by the manager of their first argument; none keeps state.
 */
public final class GrpoMath {
    /**
     * Added to the group standard deviation in the advantage denominator: TRL's value (1e-4). It only bounds
     * the advantage of nearly-constant groups; exactly constant groups are handled by {@link #zeroVarianceGroup}.
     */
    public static final double ADVANTAGE_EPS = 1e-4;

    /**
     * The group standard deviation is the unbiased one (Bessel's correction, divide by G − 1), as TRL's
     * {@code torch.std}. For G = 2 and rewards {0, 1} it gives std = 0.7071, so A = ±0.7070.
     */
    public static final boolean STD_UNBIASED = true;

    private GrpoMath() {}

    /**
     * Group-relative advantages.
     *
     * <p>A group whose rewards are all equal gets advantage exactly 0 (not (r − mean)/ε, which fp rounding of
     * the mean could make a tiny non-zero): it carries no learning signal, as in the paper.
     *
     * @param rewards [P*G] total reward of each completion, the G completions of a prompt contiguous
     * @param groupSize G
     * @param scaleRewards true: divide by the group std (GRPO); false: r − mean only (Dr. GRPO)
     * @return [P*G] advantages, same dtype as {@code rewards}
     */
    public static NDArray groupAdvantages(NDArray rewards, int groupSize, boolean scaleRewards) {
        long n = rewards.size();
        if (groupSize < 1 || n % groupSize != 0) {
            throw new IllegalArgumentException(
                    "rewards of size " + n + " do not split into groups of " + groupSize);
        }
        NDArray grouped = rewards.reshape(n / groupSize, groupSize); // [P, G]
        NDArray centered = grouped.sub(grouped.mean(new int[] {1}, true)); // [P, G]
        NDArray advantages = centered;
        if (scaleRewards) {
            advantages = centered.div(groupStd(centered, groupSize).add((float) ADVANTAGE_EPS));
        }
        NDArray constant = zeroVarianceGroup(grouped).broadcast(grouped.getShape()); // [P, G] boolean
        return NDArrays.where(constant, advantages.zerosLike(), advantages).reshape(n);
    }

    /** [P, 1] boolean: true where all rewards of the group (a row of {@code grouped} [P, G]) are equal. */
    static NDArray zeroVarianceGroup(NDArray grouped) {
        return grouped.max(new int[] {1}, true).eq(grouped.min(new int[] {1}, true));
    }

    /** [P, 1] std of each row of the centered rewards [P, G], with or without Bessel per {@link #STD_UNBIASED}. */
    private static NDArray groupStd(NDArray centered, int groupSize) {
        int dof = STD_UNBIASED ? groupSize - 1 : groupSize;
        // G = 1 has no spread (dof 0): the group is constant and its advantage is zeroed by the caller.
        return centered.square().sum(new int[] {1}, true).div((float) Math.max(dof, 1)).sqrt();
    }

    /**
     * The clipped surrogate, negated so that lower is better.
     *
     * <p>{@code clipped} marks tokens where the clipped branch is the active one of the min, i.e. where the
     * gradient of the surrogate is zero: ρ &lt; 1−ε with A &lt; 0, or ρ &gt; 1+ε_high with A &gt; 0 (TRL's
     * {@code is_region_clipped}).
     *
     * @param logps [B, T] log π(o_t) of the policy being trained (carries the gradient)
     * @param oldLogps [B, T] log π_old(o_t) of the sampling policy (no gradient)
     * @param advantages [B] one advantage per completion, broadcast over its tokens
     * @param epsilon ε, lower clip range
     * @param epsilonHigh ε_high, upper clip range (= ε in GRPO; larger in DAPO's clip-higher)
     * @return per-token loss [B, T] and the clip indicator [B, T] (fp32 0/1)
     */
    public static Surrogate clippedSurrogate(
            NDArray logps, NDArray oldLogps, NDArray advantages, double epsilon, double epsilonHigh) {
        NDArray adv = advantages.reshape(-1, 1); // [B, 1]
        NDArray ratio = logps.sub(oldLogps).exp(); // [B, T]
        NDArray unclipped = ratio.mul(adv);
        NDArray clipped = ratio.clip(1 - epsilon, 1 + epsilonHigh).mul(adv);
        NDArray perToken = unclipped.minimum(clipped).neg();
        NDArray ratioDetached = ratio.stopGradient();
        NDArray low = ratioDetached.lt(1 - epsilon).logicalAnd(adv.lt(0));
        NDArray high = ratioDetached.gt(1 + epsilonHigh).logicalAnd(adv.gt(0));
        NDArray indicator = low.logicalOr(high).toType(logps.getDataType(), false);
        return new Surrogate(perToken, indicator);
    }

    /**
     * The k3 estimator of KL(π ‖ π_ref) per token (Schulman 2020): with d = log π_ref − log π,
     * {@code exp(d) − d − 1} (≥ 0, unbiased, low variance).
     *
     * @param logps [B, T] log π (carries the gradient)
     * @param refLogps [B, T] log π_ref (no gradient)
     * @return [B, T]
     */
    public static NDArray k3Kl(NDArray logps, NDArray refLogps) {
        NDArray d = refLogps.sub(logps);
        return d.exp().sub(d).sub(1);
    }

    /**
     * Reduces per-token losses to one scalar, normalised over the given batch.
     *
     * <ul>
     *   <li>GRPO: mean over each sequence's tokens, then mean over sequences (the paper's 1/G Σ 1/|o_i| Σ_t).
     *   <li>DAPO: sum over all tokens / number of tokens (token-level mean; long sequences weigh more).
     *   <li>DR_GRPO: sum over all tokens / (B × maxCompletionLength) (a constant normaliser: no length bias).
     * </ul>
     *
     * @param perTokenLoss [B, T]
     * @param mask [B, T] 1 on completion tokens, 0 elsewhere
     * @param maxCompletionLength the DR_GRPO normaliser per sequence
     * @return scalar
     */
    public static NDArray aggregate(
            LossType lossType, NDArray perTokenLoss, NDArray mask, int maxCompletionLength) {
        return aggregate(lossType, perTokenLoss, mask, maxCompletionLength, BatchTotals.of(mask));
    }

    /**
     * As {@link #aggregate(LossType, NDArray, NDArray, int)} for one micro-batch of a larger batch: the
     * normalisers come from {@code totals} of the whole batch, so the micro-batch losses sum to the full-batch
     * loss and their gradients accumulate to the full-batch gradient.
     */
    public static NDArray aggregate(
            LossType lossType,
            NDArray perTokenLoss,
            NDArray mask,
            int maxCompletionLength,
            BatchTotals totals) {
        NDArray masked = perTokenLoss.mul(mask);
        return switch (lossType) {
            case GRPO -> {
                NDArray perSequence = masked.sum(new int[] {1}).div(mask.sum(new int[] {1}).maximum(1)); // [B]
                yield perSequence.sum().div((float) totals.sequences());
            }
            case DAPO -> masked.sum().div((float) Math.max(totals.tokens(), 1));
            case DR_GRPO -> masked.sum().div((float) totals.sequences() * maxCompletionLength);
        };
    }

    /** Mean of {@code values} [B, T] over the tokens where {@code mask} [B, T] is 1, as a host double (0 if none). */
    public static double maskedMean(NDArray values, NDArray mask) {
        double tokens = mask.sum().getFloat();
        return tokens == 0 ? 0 : values.stopGradient().mul(mask).sum().getFloat() / tokens;
    }

    /**
     * The whole per-batch loss: surrogate, plus β·k3 KL when β &gt; 0, aggregated by the loss type.
     *
     * @param batch logps [B, T] with gradient, oldLogps, refLogps (null when β = 0), advantages [B], mask [B, T]
     * @param totals normalisers of the full batch (see {@link #aggregate(LossType, NDArray, NDArray, int,
     *     BatchTotals)})
     */
    public static LossAndMetrics loss(LossInputs batch, LossSettings settings, BatchTotals totals) {
        Surrogate surrogate =
                clippedSurrogate(
                        batch.logps(), batch.oldLogps(), batch.advantages(),
                        settings.epsilon(), settings.epsilonHigh());
        NDArray perToken = surrogate.perTokenLoss();
        double klMean = 0;
        if (settings.beta() > 0) {
            NDArray kl = k3Kl(batch.logps(), batch.refLogps());
            perToken = perToken.add(kl.mul((float) settings.beta()));
            klMean = maskedMean(kl, batch.mask());
        }
        NDArray loss =
                aggregate(settings.lossType(), perToken, batch.mask(), settings.maxCompletionLength(), totals);
        double tokens = batch.mask().sum().getFloat();
        return new LossAndMetrics(loss, maskedMean(surrogate.clipped(), batch.mask()), klMean, tokens);
    }
}
