package io.r1forge.stages.train;

/**
 * Learning rate by optimizer step {@code s} (0-based): linear warm-up {@code lr·(s+1)/W} for {@code s < W},
 * then either constant {@code lr} or cosine decay {@code lr·(r + (1−r)·½(1+cos(π·p)))} with
 * {@code p = min(1, (s−W)/(S−W))} down to {@code r·lr} at step {@code S = totalSteps}.
 *
 * @param kind constant or cosine after warm-up
 * @param peakLr the learning rate after warm-up
 * @param warmupSteps W (0 = none)
 * @param totalSteps S, the step at which cosine reaches its floor (ignored by CONSTANT)
 * @param minLrRatio r, the cosine floor as a fraction of peakLr (e.g. 0.1)
 */
public record LrSchedule(Kind kind, double peakLr, int warmupSteps, int totalSteps, double minLrRatio) {
    /** The shape after warm-up. */
    public enum Kind {
        CONSTANT,
        COSINE
    }

    public LrSchedule {
        if (peakLr < 0 || warmupSteps < 0 || minLrRatio < 0 || minLrRatio > 1) {
            throw new IllegalArgumentException("invalid schedule: peakLr " + peakLr + ", warmupSteps "
                    + warmupSteps + ", minLrRatio " + minLrRatio);
        }
        if (kind == Kind.COSINE && totalSteps <= warmupSteps) {
            throw new IllegalArgumentException("cosine schedule needs totalSteps (" + totalSteps
                    + ") > warmupSteps (" + warmupSteps + ")");
        }
    }

    public static LrSchedule constant(double lr) {
        return new LrSchedule(Kind.CONSTANT, lr, 0, 0, 1);
    }

    public static LrSchedule cosine(double peakLr, int warmupSteps, int totalSteps, double minLrRatio) {
        return new LrSchedule(Kind.COSINE, peakLr, warmupSteps, totalSteps, minLrRatio);
    }

    /** The learning rate of optimizer step {@code step} (0-based). */
    public double lr(long step) {
        if (step < warmupSteps) {
            return peakLr * (step + 1) / warmupSteps;
        }
        if (kind == Kind.CONSTANT) {
            return peakLr;
        }
        double p = Math.min(1.0, (double) (step - warmupSteps) / (totalSteps - warmupSteps));
        return peakLr * (minLrRatio + (1 - minLrRatio) * 0.5 * (1 + Math.cos(Math.PI * p)));
    }
}
