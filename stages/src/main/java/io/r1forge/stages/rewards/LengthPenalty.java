package io.r1forge.stages.rewards;

/**
 * DAPO's soft overlong punishment (Yu et al. 2025, eq. 13), with length in characters of the
 * completion: 0 up to {@code maxLength - cache}, then falling linearly to -1 at {@code maxLength},
 * -1 beyond. Off by default in the pipeline (weight 0): R1 itself has no length reward, and the
 * "aha" curve should be free to grow.
 *
 * <p>Example: maxLength 1000, cache 200: 700 chars → 0; 900 chars → (800 - 900) / 200 = -0.5;
 * 1200 chars → -1.
 *
 * @param maxLength length at which the penalty reaches -1 (characters)
 * @param cache width of the linear ramp (characters), {@code 0 < cache <= maxLength}
 */
public record LengthPenalty(int maxLength, int cache) implements Reward {
    public LengthPenalty {
        if (cache <= 0 || cache > maxLength) {
            throw new IllegalArgumentException("length penalty: need 0 < cache <= maxLength (was " + cache + ", " + maxLength + ")");
        }
    }

    /** 1024 characters with a 256-character ramp. */
    public LengthPenalty() {
        this(1024, 256);
    }

    @Override
    public String name() {
        return "length";
    }

    @Override
    public String version() {
        return "length-dapo-chars-1";
    }

    @Override
    public double score(RewardInput in) {
        int len = Completions.normalize(in.completion()).strip().length();
        int free = maxLength - cache;
        if (len <= free) {
            return 0.0;
        }
        return len >= maxLength ? -1.0 : (double) (free - len) / cache;
    }
}
