package io.r1forge.stages.train;

/**
 * A reproducible random stream whose whole state is two longs (seed, counter), so training can save it and
 * continue the exact sequence after a restart. Value {@code i} is SplitMix64's finaliser of
 * {@code seed + (i+1)·0x9E3779B97F4A7C15} — the same construction as {@code java.util.SplittableRandom}, whose
 * state cannot be read back.
 */
public final class CounterRng {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final long seed;
    private long counter;

    public CounterRng(long seed) {
        this(seed, 0);
    }

    /** Resumes a stream at a saved position. */
    public CounterRng(long seed, long counter) {
        this.seed = seed;
        this.counter = counter;
    }

    public long seed() {
        return seed;
    }

    /** How many values were drawn. */
    public long counter() {
        return counter;
    }

    public long nextLong() {
        counter++;
        long z = seed + counter * GOLDEN;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound), unbiased: draws whose 63-bit value falls in the last partial block are redrawn. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        long u = nextLong() >>> 1;
        long r = u % bound;
        while (u - r + (bound - 1) < 0) {
            u = nextLong() >>> 1;
            r = u % bound;
        }
        return (int) r;
    }
}
