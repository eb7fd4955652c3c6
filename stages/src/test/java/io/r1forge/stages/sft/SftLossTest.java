package io.r1forge.stages.sft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class SftLossTest {
    // two sequences of T=5: row 0 = 2 prompt tokens + 3 completion tokens; row 1 = 3 prompt + 1 completion + pad
    private static final long[] IDS = {1, 2, 3, 4, 5, 6, 5, 4, 3, 0};
    private static final long[] COMPLETION = {0, 0, 1, 1, 1, 0, 0, 0, 1, 0};

    @Test
    void uniformLogitsGiveLogV() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.zeros(new Shape(2, 5, 7));
            NDArray loss = SftLoss.maskedNll(logits, m.create(IDS, new Shape(2, 5)), m.create(COMPLETION, new Shape(2, 5)));
            assertEquals(Math.log(7), loss.getFloat(), 1e-6);
        }
    }

    @Test
    void handComputedValueOfOneToken() {
        try (NDManager m = NDManager.newBaseManager()) {
            // one sequence [a=0, b=1], only b learnt; logits at t=0 are [0, ln 3] -> p(b) = 3/4
            NDArray logits = m.create(new float[] {0f, (float) Math.log(3), 5f, 5f}, new Shape(1, 2, 2));
            NDArray loss = SftLoss.maskedNll(logits, m.create(new long[] {0, 1}, new Shape(1, 2)),
                    m.create(new long[] {0, 1}, new Shape(1, 2)));
            assertEquals(-Math.log(0.75), loss.getFloat(), 1e-6);
        }
    }

    @Test
    void promptTokenLogitsDoNotChangeTheLoss() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray ids = m.create(IDS, new Shape(2, 5));
            NDArray mask = m.create(COMPLETION, new Shape(2, 5));
            NDArray logits = m.randomNormal(new Shape(2, 5, 7));
            float base = SftLoss.maskedNll(logits, ids, mask).getFloat();

            // positions t whose target t+1 is not a completion token: row 0 t=0,4; row 1 t=0,1,3,4
            NDArray changed = logits.duplicate();
            for (long[] bt : new long[][] {{0, 0}, {0, 4}, {1, 0}, {1, 1}, {1, 3}, {1, 4}}) {
                changed.set(new NDIndex(bt[0], bt[1]), m.randomNormal(new Shape(7)).mul(10));
            }
            assertEquals(base, SftLoss.maskedNll(changed, ids, mask).getFloat(), 1e-6);

            // a completion position (row 0, t=1 predicts token 3) does change it
            NDArray completionChanged = logits.duplicate();
            completionChanged.set(new NDIndex(0, 1), m.randomNormal(new Shape(7)).mul(10));
            assertNotEquals(base, SftLoss.maskedNll(completionChanged, ids, mask).getFloat(), 1e-3);
        }
    }

    @Test
    void dataOrderIsAPureFunctionOfSeedAndPosition() {
        DataOrder a = new DataOrder(5, 11);
        DataOrder b = new DataOrder(5, 11);
        var straight = a.slice(0, 12);
        var resumed = new java.util.ArrayList<>(b.slice(0, 6));
        resumed.addAll(new DataOrder(5, 11).slice(6, 6));
        assertEquals(straight, resumed);
        // every epoch is a permutation
        assertEquals(java.util.Set.of(0, 1, 2, 3, 4), new java.util.HashSet<>(a.slice(5, 5)));
        assertEquals(3, a.stepsFor(2, 4));
    }
}
