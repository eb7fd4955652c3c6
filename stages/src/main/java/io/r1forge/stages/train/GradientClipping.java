package io.r1forge.stages.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Global-norm gradient clipping, as {@code torch.nn.utils.clip_grad_norm_}. DJL's {@code optClipGrad} is not
 * used: it clamps element-wise and only positive values ([5, −5] → [−1, 5]).
 */
public final class GradientClipping {
    /** Added to the norm in the scale, as PyTorch does, so a zero norm never divides by zero. */
    static final double NORM_EPS = 1e-6;

    private GradientClipping() {}

    /**
     * Scales all gradients in place by {@code min(1, maxNorm / (‖g‖₂ + 1e-6))} where {@code ‖g‖₂ =
     * sqrt(Σ_p Σ_i g_{p,i}²)} over all parameters together.
     *
     * @param maxNorm the threshold; {@code <= 0} or infinite disables the scaling (the norm is still returned)
     * @return the norm before clipping (NaN/∞ when a gradient is; then nothing is scaled)
     */
    public static double clipGlobalNorm(Collection<NDArray> params, double maxNorm, NDManager base) {
        return Gradients.noGrad(() -> {
            try (NDManager step = base.newSubManager()) {
                List<NDArray> grads = new ArrayList<>();
                double sumSq = 0;
                for (NDArray p : params) {
                    if (p.hasGradient()) {
                        NDArray g = Gradients.of(p, step);
                        grads.add(g);
                        sumSq += g.square().sum().getFloat();
                    }
                }
                double norm = Math.sqrt(sumSq);
                if (maxNorm > 0 && Double.isFinite(maxNorm) && Double.isFinite(norm) && norm > maxNorm) {
                    float scale = (float) (maxNorm / (norm + NORM_EPS));
                    grads.forEach(g -> g.muli(scale));
                }
                return norm;
            }
        });
    }
}
