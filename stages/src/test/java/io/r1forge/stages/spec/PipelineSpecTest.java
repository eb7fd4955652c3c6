package io.r1forge.stages.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PipelineSpecTest {

    @ParameterizedTest
    @ValueSource(strings = {"tiny", "small", "qwen2.5-1.5b"})
    void presetsParseAndValidate(String name) {
        PipelineSpec s = PipelineSpec.preset(name);
        assertEquals(List.of(), SpecValidator.validate(s));
        assertEquals(s, PipelineSpec.parse(s.toJson()), "JSON round trip");
    }

    @Test
    void tinyPresetHasTheMeasuredValues() {
        PipelineSpec s = PipelineSpec.preset("tiny");
        GrpoConfig g = s.r1Zero();
        assertEquals(8, g.numGenerations());
        assertEquals(16, g.promptsPerStep());
        assertEquals(1.0, g.temperature());
        assertEquals(1e-4, g.learningRate()); // 3e-4 (the prototype's) collapsed this base: see tiny.yaml
        assertEquals(0.01, g.beta());
        assertEquals(LossType.GRPO, g.lossType());
        assertEquals(Map.of("accuracy", 1.0, "format", 0.5), g.rewardWeights());
        assertEquals(0.2, g.effectiveEpsilonHigh());
        assertTrue(s.eval().numProblems() >= 500);
        assertEquals(0.5, s.pretrain().corpus().carryErrorRate());
        assertTrue(s.pretrain().corpus().effectiveColdStartRate() > 0, "the base must know the cold-start separator");
        assertEquals(List.of(), s.gates().get("r1_zero").failures(Map.of("pass@1", 0.5, "format_rate", 0.95)));
        assertEquals(List.of("pass@1 = 0.2 < 0.3"), s.gates().get("r1_zero").failures(Map.of("pass@1", 0.2, "format_rate", 0.95)));
    }

    @Test
    void canonicalJsonUsesSnakeCaseAndHashIsStable() {
        PipelineSpec s = PipelineSpec.preset("tiny");
        String json = s.toJson();
        assertTrue(json.contains("\"num_generations\":8"), json);
        assertTrue(json.contains("\"loss_type\":\"grpo\""), json);
        assertTrue(json.contains("\"base_model\":\"builtin:tiny-base\""), json);
        assertEquals(64, s.sha256().length());
        assertEquals(s.sha256(), PipelineSpec.preset("tiny").sha256());
        assertNotEquals(s.sha256(), s.withOverrides(Map.of("seed", "43")).sha256());
    }

    static Stream<Arguments> badCases() {
        return Stream.of(
                Arguments.of(Map.of("r1_zero.num_generations", "1"), "r1_zero.num_generations: must be >= 2 (was 1)"),
                Arguments.of(Map.of("reasoning_rl.learning_rate", "-1e-4"), "reasoning_rl.learning_rate: must be > 0 (was -1.0E-4)"),
                Arguments.of(Map.of("reasoning_rl.reward_weights.foo", "1"),
                        "reasoning_rl.reward_weights.foo: unknown reward 'foo' (known: accuracy, format, language, length, repetition)"),
                Arguments.of(Map.of("task.dataset", "/x.jsonl"), "task.dataset: file not found: /x.jsonl"),
                Arguments.of(Map.of("r1_zero.lerning_rate", "1e-4"), "unknown field 'lerning_rate' at r1_zero"),
                Arguments.of(Map.of("r1_zero.epsilon_high", "0.1"), "r1_zero.epsilon_high: must be >= epsilon 0.2 (was 0.1)"),
                Arguments.of(Map.of("eval.num_problems", "5000"), "eval.num_problems: must be <= task.eval_size 1000 (was 5000)"),
                Arguments.of(Map.of("task.families", "arithmetic,algebra"),
                        "task.families: unknown family 'algebra' (known: arithmetic, countdown, compare)"),
                Arguments.of(Map.of("pretrain.corpus.carry_error_rate", "1.5"),
                        "pretrain.corpus.carry_error_rate: must be in [0, 1] (was 1.5)"),
                Arguments.of(Map.of("gates.rl.min.x", "1"), "gates.rl: unknown stage (known: pretrain, r1_zero, cold_start, "
                        + "reasoning_rl, rejection_sampling, rs_sft, final_rl, distill)"),
                Arguments.of(Map.of("r1_zero.num_generations", "eight"), "r1_zero.num_generations: expected int (was 'eight')"),
                Arguments.of(Map.of("r1_zero.loss_type", "ppo"),
                        "r1_zero.loss_type: unknown value 'ppo' (known: grpo, dapo, dr_grpo)"),
                Arguments.of(Map.of("template", "chatml"), "template: unknown value 'chatml' (known: r1_zero, r1_zero_short)"),
                Arguments.of(Map.of("task.eval_seed", "1"), "task.eval_seed: must differ from task.seed (both 1)"),
                Arguments.of(Map.of("rejection_sampling.max_per_prompt", "9"),
                        "rejection_sampling.max_per_prompt: must be <= samples_per_prompt 4 (was 9)"),
                Arguments.of(Map.of("r1_zero", "3"), "r1_zero: is a section; override one of its fields (r1_zero.<field>=…)"),
                Arguments.of(Map.of("task.arithmetic.digits", "0"), "task.arithmetic: digits: must be in 1..6 (was 0)"),
                Arguments.of(Map.of("distill.sft.max_steps", "0"), "distill.sft.max_steps: must be >= 1 (was 0)"),
                Arguments.of(Map.of("pretrain.corpus.cold_start_rate", "-0.1"),
                        "pretrain.corpus.cold_start_rate: must be in [0, 1] (was -0.1)"),
                Arguments.of(Map.of("bogus.x", "1"), "unknown field 'bogus' at top level"));
    }

    @ParameterizedTest
    @MethodSource("badCases")
    void badOverridesAreNamed(Map<String, String> overrides, String expected) {
        SpecException e = assertThrows(SpecException.class, () -> PipelineSpec.preset("tiny").withOverrides(overrides));
        assertTrue(e.violations().contains(expected), "violations: " + e.violations());
    }

    @Test
    void smokeIsTinyCutToAFewStepsAStage() {
        PipelineSpec smoke = PipelineSpec.preset("smoke");
        PipelineSpec tiny = PipelineSpec.preset("tiny");
        assertEquals("smoke", smoke.name());
        assertEquals(tiny.pretrain().corpus(), smoke.pretrain().corpus(), "the corpus and model are tiny's");
        assertEquals(tiny.r1Zero().learningRate(), smoke.r1Zero().learningRate());
        for (GrpoConfig g : List.of(smoke.r1Zero(), smoke.reasoningRl(), smoke.finalRl())) {
            assertEquals(2, g.maxSteps());
            assertEquals(2, g.numGenerations());
        }
        assertEquals(tiny.reasoningRl().rewardWeights(), smoke.reasoningRl().rewardWeights(), "sections merge, not replace");
        assertEquals(1, smoke.pretrain().steps());
        assertEquals(1, smoke.distill().sft().epochs());
        assertEquals(tiny.distill().sft().learningRate(), smoke.distill().sft().learningRate());
        assertEquals(Map.of(), smoke.gates());
        SpecException e = assertThrows(SpecException.class, () -> PipelineSpec.parse("preset: smokey\n"));
        assertTrue(e.violations().toString().contains("known: tiny, smoke, small, qwen2.5-1.5b"), e.violations().toString());
    }

    @Test
    void sftMaxStepsCapsTheEpochs() {
        SftConfig absent = PipelineSpec.preset("tiny").rsSft();
        assertEquals(null, absent.maxSteps());
        assertEquals(0, absent.stepCap(0), "no cap anywhere: the epochs decide");
        assertEquals(7, absent.stepCap(7));
        SftConfig capped = PipelineSpec.preset("tiny").withOverrides(Map.of("rs_sft.max_steps", "5")).rsSft();
        assertEquals(5, capped.stepCap(0));
        assertEquals(3, capped.stepCap(3), "the smaller cap wins");
        assertEquals(5, capped.stepCap(9));
    }

    @Test
    void templateDefaultsToTable1AndEntersTheHash() {
        PipelineSpec small = PipelineSpec.preset("small");
        assertEquals(TemplateKind.R1_ZERO, small.template());
        assertEquals(TemplateKind.R1_ZERO, PipelineSpec.preset("qwen2.5-1.5b").template());
        PipelineSpec tiny = PipelineSpec.preset("tiny");
        assertEquals(TemplateKind.R1_ZERO_SHORT, tiny.template());
        assertTrue(tiny.toJson().contains("\"template\":\"r1_zero_short\""), tiny.toJson());
        PipelineSpec longForm = tiny.withOverrides(Map.of("template", "r1_zero"));
        assertEquals(TemplateKind.R1_ZERO, longForm.template());
        assertNotEquals(tiny.sha256(), longForm.sha256());
        String yaml = "preset: small\nname: no-template\n";
        assertEquals(TemplateKind.R1_ZERO, PipelineSpec.parse(yaml).template(), "an absent template is Table 1");
        io.r1forge.stages.tasks.Problem p = new io.r1forge.stages.tasks.ArithmeticGenerator(
                io.r1forge.stages.tasks.ArithmeticConfig.tiny()).generate(new java.util.Random(1),
                io.r1forge.stages.tasks.Language.EN, "p1");
        assertEquals("User: " + p.prompt() + ". Assistant:", TemplateKind.R1_ZERO_SHORT.render(p));
        assertTrue(TemplateKind.R1_ZERO.render(p).startsWith("A conversation between User and Assistant."));
        assertTrue(TemplateKind.R1_ZERO.render(p).endsWith(TemplateKind.R1_ZERO_SHORT.render(p)));
    }

    @Test
    void overridesApplyAndRevalidate() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("r1_zero.learning_rate", "2e-4");
        o.put("r1_zero.loss_type", "dr_grpo");
        o.put("r1_zero.scale_rewards", "false");
        o.put("r1_zero.reward_weights.language", "0.25");
        o.put("task.families", "arithmetic,countdown");
        o.put("distill", "null");
        PipelineSpec s = PipelineSpec.preset("tiny").withOverrides(o);
        assertEquals(2e-4, s.r1Zero().learningRate());
        assertEquals(LossType.DR_GRPO, s.r1Zero().lossType());
        assertEquals(false, s.r1Zero().scaleRewards());
        assertEquals(0.25, s.r1Zero().rewardWeights().get("language"));
        assertEquals(List.of("arithmetic", "countdown"), s.task().families());
        assertNull(s.distill());
        assertEquals(1e-4, PipelineSpec.preset("tiny").r1Zero().learningRate(), "preset unchanged");
    }

    @Test
    void allViolationsAreReportedAtOnce() {
        SpecException e = assertThrows(SpecException.class, () -> PipelineSpec.preset("tiny").withOverrides(Map.of(
                "r1_zero.num_generations", "1", "r1_zero.beta", "-1", "cold_start.epochs", "0")));
        assertEquals(3, e.violations().size(), e.violations().toString());
        assertTrue(e.getMessage().contains("r1_zero.beta: must be >= 0 (was -1.0)"), e.getMessage());
    }

    @Test
    void unknownAndMissingFieldsInYaml() {
        String yaml = "preset: tiny\nname: mine\nr1_zero:\n  lerning_rate: 1.0e-4\neval:\n  tempreature: 0.5\n";
        SpecException e = assertThrows(SpecException.class, () -> PipelineSpec.parse(yaml));
        assertEquals(List.of("unknown field 'lerning_rate' at r1_zero", "unknown field 'tempreature' at eval"), e.violations());
        SpecException missing = assertThrows(SpecException.class, () -> PipelineSpec.parse("name: x\nbase_model: builtin:tiny-base\n"));
        assertTrue(missing.violations().contains("task: missing"), missing.violations().toString());
        assertTrue(missing.violations().contains("r1_zero: missing"), missing.violations().toString());
        assertTrue(missing.violations().stream().noneMatch(v -> v.startsWith("distill")), missing.violations().toString());
    }

    @Test
    void jacksonUnknownPropertyIsMappedToTheSameMessage() {
        com.fasterxml.jackson.databind.node.ObjectNode tree = SpecParser.JSON.valueToTree(PipelineSpec.preset("tiny"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("r1_zero")).put("lerning_rate", 1);
        SpecException e = assertThrows(SpecException.class, () -> SpecParser.bind(tree));
        assertEquals(List.of("unknown field 'lerning_rate' at r1_zero"), e.violations());
    }

    @Test
    void presetMergeAndFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("run.yaml");
        Files.writeString(f, "preset: tiny\nname: exp-1\nr1_zero: {learning_rate: 2.0e-4, max_steps: 10}\n");
        PipelineSpec s = PipelineSpec.read(f);
        assertEquals("exp-1", s.name());
        assertEquals(2e-4, s.r1Zero().learningRate());
        assertEquals(10, s.r1Zero().maxSteps());
        assertEquals(8, s.r1Zero().numGenerations(), "merged from the preset");
        SpecException e = assertThrows(SpecException.class, () -> PipelineSpec.read(dir.resolve("nope.yaml")));
        assertEquals(List.of(dir.resolve("nope.yaml") + ": file not found"), e.violations());
        SpecException p = assertThrows(SpecException.class, () -> PipelineSpec.parse("preset: huge\n"));
        assertEquals(List.of("preset: unknown preset 'huge' (known: tiny, smoke, small, qwen2.5-1.5b)"), p.violations());
    }

    @Test
    void datasetThatExistsIsAccepted(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("gsm.jsonl");
        Files.writeString(data, "{\"question\": \"q\", \"answer\": \"#### 1\"}\n");
        PipelineSpec s = PipelineSpec.preset("tiny").withOverrides(Map.of("task.dataset", data.toString()));
        assertEquals(data.toString(), s.task().dataset());
    }
}
