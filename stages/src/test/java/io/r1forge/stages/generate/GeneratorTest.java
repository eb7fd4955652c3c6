package io.r1forge.stages.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.r1forge.stages.model.CausalLm;
import io.r1forge.stages.model.TestModels;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GeneratorTest {
    private static final int V = 64;
    private static final CharTokenizer NO_EOS = new CharTokenizer(V, -1);
    private static final List<int[]> PROMPTS = List.of(
            new int[] {5, 9, 14}, new int[] {7, 30, 11, 40, 2, 33, 19}, new int[] {12, 3, 25, 60, 8, 44, 21, 9, 17, 6});

    private static NDManager manager;
    private static CausalLm model;

    @BeforeAll
    static void setUp() {
        manager = NDManager.newBaseManager();
        model = TestModels.random(V, 11, 5f, manager);
    }

    @AfterAll
    static void tearDown() {
        model.close();
        manager.close();
    }

    @Test
    void greedyKvCachedEqualsFullRecompute() {
        int[] prompt = PROMPTS.get(1);
        Completion c = new Generator(model, NO_EOS).generate(List.of(prompt), GenerationConfig.greedy(20), 0).get(0);
        assertEquals(FinishReason.LENGTH, c.finishReason());
        assertArrayEquals(fullRecomputeGreedy(prompt, 20), c.completionIds());
        assertArrayEquals(prompt, c.promptIds());
        assertEquals(NO_EOS.decode(c.completionIds()), c.text());
    }

    @Test
    void leftPaddedBatchEqualsEachPromptAlone() {
        Generator g = new Generator(model, NO_EOS);
        List<Completion> batch = g.generate(PROMPTS, GenerationConfig.greedy(12), 0);
        for (int i = 0; i < PROMPTS.size(); i++) {
            Completion alone = g.generate(List.of(PROMPTS.get(i)), GenerationConfig.greedy(12), 0).get(0);
            assertArrayEquals(alone.completionIds(), batch.get(i).completionIds(), "prompt " + i);
        }
        assertEquals(3, batch.stream().map(c -> Arrays.toString(c.completionIds())).distinct().count());
    }

    @Test
    void seededSamplingIsReproducibleAndSeedsDiffer() {
        Generator g = new Generator(model, NO_EOS);
        GenerationConfig cfg = new GenerationConfig(16, 1.0, 0.95, 40, List.of());
        List<Completion> a = g.generate(PROMPTS, cfg, 42);
        List<Completion> b = g.generate(PROMPTS, cfg, 42);
        List<Completion> c = g.generate(PROMPTS, cfg, 43);
        for (int i = 0; i < PROMPTS.size(); i++) {
            assertArrayEquals(a.get(i).completionIds(), b.get(i).completionIds());
        }
        assertFalse(Arrays.deepEquals(ids(a), ids(c)), "another seed gives other samples");
        assertFalse(Arrays.deepEquals(ids(a), ids(g.generate(PROMPTS, GenerationConfig.greedy(16), 0))),
                "T=1 sampling is not greedy");
    }

    @Test
    void topKOneIsGreedy() {
        Generator g = new Generator(model, NO_EOS);
        List<Completion> greedy = g.generate(PROMPTS, GenerationConfig.greedy(10), 0);
        List<Completion> topOne = g.generate(PROMPTS, new GenerationConfig(10, 1.5, 1.0, 1, List.of()), 9);
        List<Completion> tinyP = g.generate(PROMPTS, new GenerationConfig(10, 1.0, 1e-6, 0, List.of()), 9);
        assertTrue(Arrays.deepEquals(ids(greedy), ids(topOne)));
        assertTrue(Arrays.deepEquals(ids(greedy), ids(tinyP)), "top-p keeps at least the most probable token");
    }

    @Test
    void stopsOnStopStringAndEos() {
        int[] prompt = PROMPTS.get(2);
        int[] free = new Generator(model, NO_EOS).generate(List.of(prompt), GenerationConfig.greedy(20), 0)
                .get(0).completionIds();
        String text = NO_EOS.decode(free);
        String stop = text.substring(6, 8);
        int end = text.indexOf(stop) + stop.length();
        Completion s = new Generator(model, NO_EOS)
                .generate(List.of(prompt), new GenerationConfig(20, 0, 1.0, 0, List.of("@@never", stop)), 0).get(0);
        assertEquals(FinishReason.STOP_STRING, s.finishReason());
        assertEquals(text.substring(0, end), s.text());
        assertArrayEquals(Arrays.copyOf(free, end), s.completionIds());

        CharTokenizer eosTok = new CharTokenizer(V, free[4]);
        int firstEos = 0;
        while (free[firstEos] != free[4]) {
            firstEos++;
        }
        Completion e = new Generator(model, eosTok).generate(List.of(prompt), GenerationConfig.greedy(20), 0).get(0);
        assertEquals(FinishReason.EOS, e.finishReason());
        assertArrayEquals(Arrays.copyOf(free, firstEos + 1), e.completionIds(), "EOS kept as the last id");
        assertEquals(eosTok.decode(Arrays.copyOf(free, firstEos)), e.text());
    }

    @Test
    void finishedRowsDoNotDisturbOthersAndNothingLeaks() {
        int[] free = new Generator(model, NO_EOS).generate(List.of(PROMPTS.get(0)), GenerationConfig.greedy(3), 0)
                .get(0).completionIds();
        CharTokenizer eosTok = new CharTokenizer(V, free[0]); // row 0 stops at once
        List<Completion> mixed = new Generator(model, eosTok).generate(PROMPTS, GenerationConfig.greedy(15), 0);
        assertEquals(1, mixed.get(0).completionIds().length);
        for (int i = 1; i < PROMPTS.size(); i++) {
            Completion alone = new Generator(model, eosTok)
                    .generate(List.of(PROMPTS.get(i)), GenerationConfig.greedy(15), 0).get(0);
            assertArrayEquals(alone.completionIds(), mixed.get(i).completionIds());
        }
        boolean before = JniUtils.isGradMode();
        NDManager modelManager = model.parameters().get("model.norm.weight").getManager();
        int arrays = modelManager.getManagedArrays().size();
        new Generator(model, NO_EOS).generate(PROMPTS, GenerationConfig.greedy(8), 0);
        assertEquals(before, JniUtils.isGradMode());
        assertEquals(arrays, modelManager.getManagedArrays().size(), "generation leaves no arrays behind");
        List<Completion> none = new Generator(model, NO_EOS).generate(PROMPTS, GenerationConfig.greedy(0), 0);
        assertEquals(0, none.get(0).completionIds().length);
    }

    private static int[] fullRecomputeGreedy(int[] prompt, int n) {
        long[] seq = Arrays.stream(prompt).asLongStream().toArray();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            try (NDManager step = manager.newSubManager()) {
                NDArray logits = model.forward(step.create(seq, new Shape(1, seq.length)), null, null);
                float[] last = logits.get(0, seq.length - 1).toFloatArray();
                out[i] = TokenSampler.argMax(last, 0, V);
            }
            seq = Arrays.copyOf(seq, seq.length + 1);
            seq[seq.length - 1] = out[i];
        }
        return out;
    }

    private static int[][] ids(List<Completion> cs) {
        return cs.stream().map(Completion::completionIds).toArray(int[][]::new);
    }
}
