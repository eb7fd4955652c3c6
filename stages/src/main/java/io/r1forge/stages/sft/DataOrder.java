package io.r1forge.stages.sft;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The order in which training visits a data set: epoch e is a permutation of the indices shuffled with
 * {@code new Random(seed + e)}; the global position {@code i} (samples consumed so far) maps to epoch
 * {@code i / n}, offset {@code i % n}. So the data cursor is one number, {@code step × batchSize}, and resuming
 * needs no RNG state: the order is a pure function of (seed, position).
 */
public final class DataOrder {
    private final int size;
    private final long seed;
    private int cachedEpoch = -1;
    private List<Integer> cachedPermutation;

    public DataOrder(int size, long seed) {
        if (size < 1) {
            throw new IllegalArgumentException("cannot train on an empty data set");
        }
        this.size = size;
        this.seed = seed;
    }

    /** The permutation of epoch {@code epoch}. */
    public List<Integer> permutation(int epoch) {
        if (epoch != cachedEpoch) {
            List<Integer> p = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                p.add(i);
            }
            Collections.shuffle(p, new Random(seed + epoch));
            cachedPermutation = List.copyOf(p);
            cachedEpoch = epoch;
        }
        return cachedPermutation;
    }

    /** The data indices at global positions {@code [from, from + count)}, crossing epochs as needed. */
    public List<Integer> slice(long from, int count) {
        List<Integer> out = new ArrayList<>(count);
        for (long i = from; i < from + count; i++) {
            out.add(permutation((int) (i / size)).get((int) (i % size)));
        }
        return out;
    }

    /** Steps for {@code epochs} passes at {@code batchSize} (the last partial batch rounds up). */
    public long stepsFor(double epochs, int batchSize) {
        return (long) Math.ceil(epochs * size / batchSize);
    }
}
