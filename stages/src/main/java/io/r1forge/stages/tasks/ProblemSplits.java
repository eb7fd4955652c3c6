package io.r1forge.stages.tasks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Train and held-out eval problems. The two are drawn from different seeds and then deduplicated
 * by {@link Problem#key()} (language independent), so no problem of the eval split occurs in the
 * train split in either language. Eval problems are distinct from each other; train problems may
 * repeat (RL draws prompts with replacement anyway) but never hit an eval key.
 *
 * @param train training problems, ids {@code <family>-train-<i>}
 * @param eval held-out problems, ids {@code <family>-eval-<i>}
 */
public record ProblemSplits(List<Problem> train, List<Problem> eval) {
    /** Attempts per requested problem before the problem space is declared too small. */
    private static final int ATTEMPTS_PER_PROBLEM = 200;

    public ProblemSplits {
        train = List.copyOf(train);
        eval = List.copyOf(eval);
    }

    /**
     * Generates both splits; eval first (so its contents depend on {@code evalSeed} only).
     *
     * @throws IllegalStateException if the mix has fewer distinct problems than needed
     */
    public static ProblemSplits generate(TaskMix mix, int trainSize, int evalSize, long trainSeed, long evalSeed) {
        if (trainSeed == evalSeed) {
            throw new IllegalArgumentException("train and eval seeds must differ (both " + trainSeed + ")");
        }
        List<Problem> eval = draw(mix, evalSize, new Random(evalSeed), "eval", new HashSet<>(), true);
        Set<String> evalKeys = new HashSet<>();
        eval.forEach(p -> evalKeys.add(p.key()));
        List<Problem> train = draw(mix, trainSize, new Random(trainSeed), "train", evalKeys, false);
        return new ProblemSplits(train, eval);
    }

    /** {@code n} problems from one seed, none of whose keys is in {@code excluded}. */
    public static List<Problem> sample(TaskMix mix, int n, long seed, Set<String> excluded) {
        return draw(mix, n, new Random(seed), "sample", new HashSet<>(excluded), false);
    }

    /** One problem: family uniform over the mix, language by {@code chineseFraction}. */
    public static Problem next(TaskMix mix, Random random, String idPrefix, int index) {
        String family = mix.families().get(random.nextInt(mix.families().size()));
        Language language = random.nextDouble() < mix.chineseFraction() ? Language.ZH : Language.EN;
        return mix.generator(family).generate(random, language, String.format("%s-%s-%05d", family, idPrefix, index));
    }

    /** Splits a loaded data set: every {@code evalEvery}-th distinct key (in file order) goes to eval. */
    public static ProblemSplits ofDataset(List<Problem> all, int evalEvery) {
        if (evalEvery < 2) {
            throw new IllegalArgumentException("evalEvery: must be >= 2 (was " + evalEvery + ")");
        }
        Set<String> seen = new HashSet<>();
        List<Problem> train = new ArrayList<>();
        List<Problem> eval = new ArrayList<>();
        for (Problem p : all) {
            if (seen.add(p.key())) {
                (seen.size() % evalEvery == 0 ? eval : train).add(p);
            }
        }
        return new ProblemSplits(train, eval);
    }

    private static List<Problem> draw(
            TaskMix mix, int n, Random random, String split, Set<String> excluded, boolean distinct) {
        List<Problem> out = new ArrayList<>(n);
        long attempts = 0;
        while (out.size() < n) {
            if (attempts++ > (long) ATTEMPTS_PER_PROBLEM * Math.max(n, 1)) {
                throw new IllegalStateException("problem space too small: only " + out.size() + " of " + n
                        + " " + split + " problems found that are new (families " + mix.families() + ")");
            }
            Problem p = next(mix, random, split, out.size());
            if (!excluded.contains(p.key()) && (!distinct || excluded.add(p.key()))) {
                out.add(p);
            }
        }
        return out;
    }
}
