package io.r1forge.stages.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.Map;

/**
 * One optimizer step with gradient accumulation: zero gradients, open one {@link GradientCollector}, run
 * {@code k} micro-batch losses each back-propagated as {@code loss/k}, clip the global norm, AdamW step at the
 * schedule's learning rate. Only one collector may be open per process (DJL), so the step holds it briefly.
 */
public final class TrainStep {
    /** A micro-batch's scalar loss; arrays it creates should belong to {@code step} (closed after backward). */
    @FunctionalInterface
    public interface MicroBatchLoss {
        NDArray loss(int microBatch, NDManager step);
    }

    /**
     * @param step the optimizer step just taken (1-based count)
     * @param loss mean of the k micro-batch losses
     * @param gradNorm global gradient norm before clipping
     * @param lr learning rate used
     */
    public record Result(long step, double loss, double gradNorm, double lr) {}

    private final Map<String, NDArray> params;
    private final AdamW optimizer;
    private final LrSchedule schedule;
    private final double maxGradNorm;

    /** {@code maxGradNorm <= 0} disables clipping (the norm is still measured). */
    public TrainStep(Map<String, NDArray> params, AdamW optimizer, LrSchedule schedule, double maxGradNorm) {
        this.params = params;
        this.optimizer = optimizer;
        this.schedule = schedule;
        this.maxGradNorm = maxGradNorm;
    }

    /** Runs one step over {@code k >= 1} micro-batches; arrays are created under {@code base}'s sub-managers. */
    public Result run(int k, MicroBatchLoss microBatches, NDManager base) {
        if (k < 1) {
            throw new IllegalArgumentException("need at least one micro-batch, got " + k);
        }
        Gradients.zero(params.values());
        double lossSum = 0;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            for (int i = 0; i < k; i++) {
                try (NDManager mb = base.newSubManager()) {
                    NDArray loss = microBatches.loss(i, mb);
                    loss.attach(mb);
                    lossSum += loss.getFloat();
                    collector.backward(loss.div(k));
                }
            }
        }
        double norm = GradientClipping.clipGlobalNorm(params.values(), maxGradNorm, base);
        double lr = schedule.lr(optimizer.stepCount());
        optimizer.step(lr);
        return new Result(optimizer.stepCount(), lossSum / k, norm, lr);
    }
}
