package io.r1forge.stages.tasks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Compare numbers: "Which is the largest: 31, 8, 57?" / "31, 8, 57 中最大的数是多少?", answer "57"
 * (or the smallest). Distinct numbers, so the answer is unique.
 *
 * <p>{@code meta}: {@code numbers}, {@code largest} (Boolean), {@code key} e.g. {@code
 * "compare:max:31,8,57"}.
 *
 * @param minCount at least 2 numbers
 * @param maxCount at least {@code minCount}
 * @param maxNumber numbers are drawn from 0..maxNumber (at least {@code maxCount - 1})
 */
public record CompareGenerator(int minCount, int maxCount, int maxNumber) implements ProblemGenerator {

    public CompareGenerator {
        if (minCount < 2 || maxCount < minCount || maxNumber + 1 < maxCount) {
            throw new IllegalArgumentException("compare: need 2 <= minCount <= maxCount <= maxNumber + 1");
        }
    }

    /** 3–5 numbers in 0..99. */
    public static CompareGenerator tiny() {
        return new CompareGenerator(3, 5, 99);
    }

    @Override
    public String family() {
        return Families.COMPARE;
    }

    @Override
    public Problem generate(Random random, Language language, String id) {
        int n = minCount + random.nextInt(maxCount - minCount + 1);
        List<Integer> numbers = new ArrayList<>();
        while (numbers.size() < n) {
            int x = random.nextInt(maxNumber + 1);
            if (!numbers.contains(x)) {
                numbers.add(x);
            }
        }
        boolean largest = random.nextBoolean();
        int answer = largest ? Collections.max(numbers) : Collections.min(numbers);
        String list = String.join(", ", numbers.stream().map(String::valueOf).toList());
        String prompt = language == Language.EN
                ? "Which is the " + (largest ? "largest" : "smallest") + ": " + list + "?"
                : list + " 中" + (largest ? "最大" : "最小") + "的数是多少?";
        String key = family() + ":" + (largest ? "max" : "min") + ":" + list.replace(" ", "");
        Map<String, Object> meta = Map.of("numbers", List.copyOf(numbers), "largest", largest, "key", key);
        return new Problem(id, family(), language, prompt, Integer.toString(answer), meta);
    }
}
