package io.r1forge.stages.pretrain.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.r1forge.stages.rewards.FormatReward;
import io.r1forge.stages.rewards.LanguageConsistencyReward;
import io.r1forge.stages.rewards.RewardInput;
import io.r1forge.stages.rewards.SelfCheck;
import io.r1forge.stages.tasks.ArithmeticConfig;
import io.r1forge.stages.tasks.ColdStartFormat;
import io.r1forge.stages.tasks.Templates;
import io.r1forge.stages.tasks.Vocabulary;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CorpusGeneratorTest {
    /** Every "a op b is c" clause in either language. */
    private static final Pattern CLAUSE = Pattern.compile("(-?\\d+) (plus|minus|加|减) (\\d+) (is|得) (-?\\d+)");
    private static List<CorpusDocument> docs;

    @BeforeAll
    static void generate() {
        docs = new CorpusGenerator(CorpusConfig.defaults()).documents(123, 5000);
    }

    @Test
    void ratesMatchTheConfigWithinTolerance() {
        CorpusStats s = CorpusGenerator.stats(docs);
        assertEquals(5000, s.documents());
        assertEquals(0.5, s.carryErrorRate(), 0.03);
        assertEquals(0.05, s.otherErrorRate(), 0.015);
        assertEquals(0.2, s.checkAfterCarryRate(), 0.03);
        assertEquals(0.02, s.checkAfterOtherRate(), 0.01);
        assertEquals(0.2, s.slowCarryRate(), 0.03);
        assertEquals(0.25, s.mixedLanguageFraction(), 0.02);
        assertEquals(0.15, s.brokenTagFraction(), 0.015);
        assertEquals(0.1 * 0.95, docs.stream().filter(CorpusDocument::fullTemplate).count() / 5000.0, 0.015);
        assertEquals(0.05, s.coldStartFraction(), 0.01);
        assertTrue(s.carryStepFraction() > 0.2 && s.carryStepFraction() < 0.6, "carry steps " + s.carryStepFraction());
        assertTrue(s.correctFraction() > 0.4 && s.correctFraction() < 0.85, "correct " + s.correctFraction());
    }

    @Test
    void documentsHaveTheR1ZeroShape() {
        FormatReward format = new FormatReward();
        for (CorpusDocument d : docs) {
            if (d.coldStart()) {
                continue;
            }
            String prompt = d.fullTemplate() ? Templates.r1Zero(d.problem())
                    : "User: " + d.problem().prompt() + ". Assistant:";
            assertEquals(prompt + d.completion() + Templates.EOS, d.text());
            assertTrue(Templates.r1Zero(d.problem()).endsWith(prompt), "the short prompt is the template's tail");
            double f = format.score(new RewardInput(d.problem(), d.completion()));
            assertEquals(d.brokenTags() ? 0.0 : 1.0, f, d.completion());
            if (!d.brokenTags()) {
                assertTrue(d.completion().startsWith(" <think> "), d.completion());
                assertTrue(d.completion().endsWith("<answer> " + d.answer() + " </answer>"), d.completion());
            }
        }
    }

    @Test
    void coldStartNotesCarryTheSeparatorWithoutTheTemplate() {
        FormatReward format = new FormatReward();
        int seen = 0;
        for (CorpusDocument d : docs) {
            if (!d.coldStart()) {
                continue;
            }
            seen++;
            assertEquals(d.problem().prompt() + d.completion() + Templates.EOS, d.text());
            assertFalse(d.text().contains("Assistant:"), d.text());
            assertFalse(d.completion().contains("<think>"), d.completion());
            assertTrue(d.completion().startsWith(" " + ColdStartFormat.SPECIAL + " "), d.completion());
            assertTrue(d.completion().endsWith(ColdStartFormat.SPECIAL + " " + d.answer()), d.completion());
            String asTags = ColdStartFormat.toThinkAnswer(d.completion()).orElseThrow();
            assertEquals(1.0, format.score(new RewardInput(d.problem(), asTags)), asTags);
        }
        assertTrue(seen > 150, "cold-start notes " + seen);
    }

    @Test
    void withoutInjectedErrorsEveryClauseIsTrueAndTheAnswerRight() {
        CorpusConfig c = CorpusConfig.defaults();
        CorpusConfig clean = new CorpusConfig(c.arithmetic(), 0.5, 0, 0, 0.2, 0.02, 0.3, 0.25, 0.5, 0, 0.1);
        for (CorpusDocument d : new CorpusGenerator(clean).documents(5, 2000)) {
            assertTrue(d.correct(), d.completion());
            assertAllClausesTrue(d.completion());
        }
    }

    @Test
    void slowFormsAndChecksAreAlwaysTrue() {
        Pattern slow = Pattern.compile("(\\d+) (plus|minus|加|减) (\\d+): ([^.]*)\\.");
        Pattern check = Pattern.compile("(wait, let me check:|等一下, 检查:) ([^.]*)\\.");
        int slowSeen = 0;
        for (CorpusDocument d : docs) {
            Matcher m = slow.matcher(d.completion());
            while (m.find()) {
                assertAllClausesTrue(m.group(4));
                slowSeen++;
            }
            Matcher k = check.matcher(d.completion());
            while (k.find()) {
                assertAllClausesTrue(k.group(2));
            }
            if (d.uncaughtErrors() == 0) {
                assertTrue(d.correct(), d.completion());
            }
        }
        assertTrue(slowSeen > 100, "slow forms " + slowSeen);
    }

    @Test
    void selfChecksAreDetectedAndLanguageMixingMeasured() {
        LanguageConsistencyReward lang = new LanguageConsistencyReward();
        for (CorpusDocument d : docs) {
            assertEquals(d.checksAfterCarry() + d.checksAfterOther() > 0, SelfCheck.detect(d.completion()), d.completion());
            if (!d.brokenTags()) {
                double v = lang.score(new RewardInput(d.problem(), d.completion()));
                assertEquals(d.mixedLanguage(), v < 1.0, v + " " + d.completion());
            }
        }
    }

    @Test
    void sameSeedSameCorpusAndExcludedKeysAvoided() {
        CorpusGenerator g = new CorpusGenerator(CorpusConfig.defaults());
        assertEquals(g.documents(9, 50), g.documents(9, 50));
        Set<String> excluded = new HashSet<>();
        g.documents(1, 300).forEach(d -> excluded.add(d.problem().key()));
        for (CorpusDocument d : g.documents(2, 2000, excluded)) {
            assertFalse(excluded.contains(d.problem().key()));
        }
    }

    @Test
    void documentsAddressedByIndexArePureAndVaried() {
        CorpusGenerator g = new CorpusGenerator(CorpusConfig.defaults());
        assertEquals(g.document(7, 12345), g.document(7, 12345));
        Set<String> texts = new HashSet<>();
        for (long i = 0; i < 200; i++) {
            texts.add(g.document(7, i).text());
        }
        assertTrue(texts.size() > 190, "distinct documents " + texts.size());
        assertFalse(g.document(7, 3).text().equals(g.document(8, 3).text()));
    }

    @Test
    void vocabularyCoversCorpusAndTokenizer() {
        for (CorpusDocument d : docs) {
            assertTrue(Vocabulary.covers(d.text()), d.text());
        }
        List<String> tokens = io.r1forge.stages.tokenizer.TinyTokenizer.standard().tokens();
        Vocabulary.CHINESE.codePoints().forEach(cp ->
                assertTrue(tokens.contains(Character.toString(cp)), "tokenizer lacks " + Character.toString(cp)));
    }

    @Test
    void multiplicationIsRefused() {
        CorpusConfig c = CorpusConfig.defaults();
        CorpusConfig times = new CorpusConfig(new ArithmeticConfig(2, 3, 1, "+*", false), 0.5, 0.5, 0.05, 0.2, 0.02,
                0.2, 0.25, 0.5, 0.15, 0.1);
        assertThrows(IllegalArgumentException.class, () -> new CorpusGenerator(times));
    }

    private static void assertAllClausesTrue(String text) {
        Matcher m = CLAUSE.matcher(text);
        while (m.find()) {
            long a = Long.parseLong(m.group(1));
            long b = Long.parseLong(m.group(3));
            boolean plus = m.group(2).equals("plus") || m.group(2).equals("加");
            assertEquals(plus ? a + b : a - b, Long.parseLong(m.group(5)), m.group() + " in: " + text);
        }
    }
}
