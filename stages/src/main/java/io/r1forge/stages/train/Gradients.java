package io.r1forge.stages.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * Gradient access without leaks: DJL's {@code getGradient()} returns a new wrapper attached to the
 * parameter's (long-lived) manager on every call, so each one here is moved into a step manager and closed with it.
 */
public final class Gradients {
    private Gradients() {}

    /** The gradient of {@code p} as a view owned by {@code step} (in-place ops on it change the real gradient). */
    public static NDArray of(NDArray p, NDManager step) {
        NDArray g = p.getGradient();
        g.attach(step);
        return g;
    }

    /**
     * Sets every parameter's gradient to zero in place (libtorch accumulates gradients across backward calls;
     * DJL's {@code GradientCollector.zeroGradients} only reaches arrays of the system manager).
     */
    public static void zero(Collection<NDArray> params) {
        for (NDArray p : params) {
            if (p.hasGradient()) {
                JniUtils.zeroGrad((PtNDArray) p);
            }
        }
    }

    /** Runs {@code body} with autograd recording off (in-place updates of leaf parameters need it), restoring the mode. */
    public static <T> T noGrad(Supplier<T> body) {
        boolean prev = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return body.get();
        } finally {
            JniUtils.setGradMode(prev);
        }
    }
}
