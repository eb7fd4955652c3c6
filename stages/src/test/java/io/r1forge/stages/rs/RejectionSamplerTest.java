package io.r1forge.stages.rs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.r1forge.stages.generate.GenerationConfig;
import io.r1forge.stages.model.CausalLm;
import io.r1forge.stages.model.ModelConfig;
import io.r1forge.stages.sft.SftExample;
import io.r1forge.stages.spec.TemplateKind;
import io.r1forge.stages.tasks.ArithmeticConfig;
import io.r1forge.stages.tasks.ArithmeticGenerator;
import io.r1forge.stages.tasks.Language;
import io.r1forge.stages.tasks.Problem;
import io.r1forge.stages.tokenizer.HfTokenizer;
import io.r1forge.stages.tokenizer.TinyTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A random model keeps nothing: the data set is then references + non-reasoning examples, counted as such. */
class RejectionSamplerTest {
    static List<Problem> problems(int n) {
        ArithmeticGenerator g = new ArithmeticGenerator(ArithmeticConfig.tiny());
        Random r = new Random(3);
        List<Problem> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(g.generate(r, i % 2 == 0 ? Language.EN : Language.ZH, "p" + i));
        }
        return out;
    }

    static RejectionSampler.Result sample(int minReasoning, double nonReasoning) {
        RsSettings s = new RsSettings(2, new GenerationConfig(6, 1.0, 1.0, 0, List.of()),
                new FilterConfig(0.95, 400, 1, true, true), nonReasoning, minReasoning, 16,
                TemplateKind.R1_ZERO_SHORT::render, OutputFormat.COLD_START);
        try (NDManager m = NDManager.newBaseManager(); HfTokenizer tok = TinyTokenizer.standard().load()) {
            ModelConfig mc = new ModelConfig(ModelConfig.LLAMA, tok.vocabSize(), 32, 64, 2, 2, 1, 256, 1e-6, 10_000.0,
                    true, false, -1, tok.eosId());
            try (CausalLm model = CausalLm.initialize(mc, 4, m)) {
                return new RejectionSampler(model, tok, s).run(problems(12),
                        new RejectionSampler.Source("random", "0"), 7);
            }
        }
    }

    @Test
    void tooFewKeptSamplesAreToppedUpWithMarkedReferences() {
        RejectionSampler.Result r = sample(5, 0.2);
        long reasoning = r.kept().stream().filter(e -> "reasoning".equals(e.meta().get("kind"))).count();
        List<SftExample> refs = r.kept().stream().filter(e -> "reference".equals(e.meta().get("source"))).toList();
        assertEquals(5, reasoning, "a random model's 6-token completions are never verified: all 5 are references");
        assertEquals(5, r.references());
        assertEquals(5, refs.size());
        assertEquals(3, r.kept().size() - reasoning, "non-reasoning: round(12 prompts × 0.2 / 0.8) = 3");
        assertEquals(5 / 8.0, r.referenceFraction(), 1e-12);
        assertTrue(r.warning().orElseThrow().startsWith("5 of 8 examples (62.5%) are reference solutions"),
                r.warning().toString());
        assertTrue(refs.get(0).prompt().startsWith("User: ") && refs.get(0).prompt().endsWith(". Assistant:"),
                "references use the run's template: " + refs.get(0).prompt());
        assertTrue(refs.get(0).completion().contains("|special_token|"), refs.get(0).completion());
    }

    @Test
    void noTopUpWhenTheMinimumIsZero() {
        RejectionSampler.Result r = sample(0, 0.0);
        assertEquals(0, r.references());
        assertEquals(0, r.kept().size());
        assertTrue(r.warning().isEmpty());
        assertEquals(24, r.dropped().size(), "12 prompts × 2 samples, all rejected");
    }
}
