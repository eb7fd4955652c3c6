package io.r1forge.stages.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.r1forge.stages.io.HostTensor;
import io.r1forge.stages.io.NdArrays;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW (Loshchilov &amp; Hutter, decoupled weight decay), step for step as {@code torch.optim.AdamW}:
 *
 * <pre>
 *   t += 1;  m = β₁m + (1−β₁)g;  v = β₂v + (1−β₂)g²
 *   p -= lr·( m̂ / (sqrt(v̂) + ε) + wd·p ),   m̂ = m/(1−β₁ᵗ),  v̂ = v/(1−β₂ᵗ)
 * </pre>
 *
 * Moments live in the optimizer's own manager; each step computes in a sub-manager into which the long-lived
 * arrays are temporarily attached, and writes back with in-place ops only, so nothing accumulates per step.
 */
public final class AdamW implements AutoCloseable {
    /**
     * @param beta1 β₁ (PyTorch default 0.9)
     * @param beta2 β₂ (PyTorch default 0.999; LLM recipes often 0.95)
     * @param eps ε added to sqrt(v̂) (1e-8)
     * @param weightDecay wd (PyTorch AdamW default 0.01; 0 disables)
     * @param decayVectors also decay 1-D parameters (norm gains, biases); false follows nanoGPT / HF Trainer
     */
    public record Config(double beta1, double beta2, double eps, double weightDecay, boolean decayVectors) {
        public static Config defaults() {
            return new Config(0.9, 0.999, 1e-8, 0.01, false);
        }

        public Config withWeightDecay(double wd) {
            return new Config(beta1, beta2, eps, wd, decayVectors);
        }
    }

    private final Config config;
    private final Map<String, NDArray> params;
    private final NDManager manager;
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private long step;

    /** Optimizes {@code params} (by name; the arrays are updated in place); moments start at zero. */
    public AdamW(Map<String, NDArray> params, Config config, NDManager parent) {
        this.config = config;
        this.params = new LinkedHashMap<>(params);
        this.manager = parent.newSubManager();
        params.forEach((name, p) -> {
            m.put(name, manager.zeros(p.getShape()));
            v.put(name, manager.zeros(p.getShape()));
        });
    }

    /** Number of steps taken (t). */
    public long stepCount() {
        return step;
    }

    public Config config() {
        return config;
    }

    /** One update with learning rate {@code lr} from the parameters' current gradients. */
    public void step(double lr) {
        step++;
        double bc1 = 1 - Math.pow(config.beta1(), step);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(config.beta2(), step));
        Gradients.noGrad(() -> {
            for (Map.Entry<String, NDArray> e : params.entrySet()) {
                update(e.getValue(), m.get(e.getKey()), v.get(e.getKey()), lr, bc1, bc2Sqrt);
            }
            return null;
        });
    }

    private void update(NDArray p, NDArray mt, NDArray vt, double lr, double bc1, double bc2Sqrt) {
        try (NDManager sm = manager.newSubManager()) {
            p.tempAttach(sm);
            mt.tempAttach(sm);
            vt.tempAttach(sm);
            NDArray g = Gradients.of(p, sm);
            double wd = p.getShape().dimension() >= 2 || config.decayVectors() ? config.weightDecay() : 0;
            if (wd != 0) {
                p.muli((float) (1 - lr * wd));
            }
            mt.muli((float) config.beta1()).addi(g.mul((float) (1 - config.beta1())));
            vt.muli((float) config.beta2()).addi(g.square().muli((float) (1 - config.beta2())));
            // torch order: denom = sqrt(v)/sqrt(1-β₂ᵗ) + ε;  p -= (lr/(1-β₁ᵗ)) · m/denom
            NDArray denom = vt.sqrt().divi((float) bc2Sqrt).addi((float) config.eps());
            p.subi(mt.div(denom).muli((float) (lr / bc1)));
        }
    }

    /** Moments as host tensors named {@code exp_avg.<param>} and {@code exp_avg_sq.<param>} (PyTorch's names). */
    public Map<String, HostTensor> exportState() {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        m.forEach((n, a) -> out.put("exp_avg." + n, NdArrays.toHost(a)));
        v.forEach((n, a) -> out.put("exp_avg_sq." + n, NdArrays.toHost(a)));
        return out;
    }

    /** Restores moments and the step count exported by {@link #exportState()}; errors name a missing moment. */
    public void importState(Map<String, HostTensor> state, long stepCount) {
        for (String n : params.keySet()) {
            set(m.get(n), state, "exp_avg." + n);
            set(v.get(n), state, "exp_avg_sq." + n);
        }
        this.step = stepCount;
    }

    private static void set(NDArray target, Map<String, HostTensor> state, String key) {
        HostTensor t = state.get(key);
        if (t == null) {
            throw new IllegalArgumentException("optimizer state lacks '" + key + "'");
        }
        if (!Arrays.equals(t.shape(), target.getShape().getShape())) {
            throw new IllegalArgumentException("optimizer state '" + key + "' has shape "
                    + Arrays.toString(t.shape()) + ", parameter has " + target.getShape());
        }
        target.set(t.data());
    }

    @Override
    public void close() {
        manager.close();
    }
}
