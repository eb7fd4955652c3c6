package io.r1forge.stages.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.r1forge.stages.model.CausalLm;
import io.r1forge.stages.model.ModelConfig;
import io.r1forge.stages.pretrain.PretrainStage;
import io.r1forge.stages.spec.PipelineSpec;
import io.r1forge.stages.spec.PretrainConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DistillationTest {
    @Test
    void theStudentPresetIsSmallerThanTiny() {
        try (NDManager m = NDManager.newBaseManager();
                CausalLm student = CausalLm.initialize(ModelConfig.student(64), 1, m);
                CausalLm tiny = CausalLm.initialize(ModelConfig.tiny(64), 1, m)) {
            assertEquals(32, student.config().headDim());
            // per layer: q, o 128² each + k, v 128 × 64 each + SwiGLU 3 × 128 × 384 + 2 norms × 128 = 196,864;
            // 3 layers + tied embedding 64 × 128 + final norm 128 = 598,912; tiny has a fourth layer: 795,776
            assertEquals(598_912, student.parameterCount());
            assertEquals(795_776, tiny.parameterCount());
            assertTrue(student.parameterCount() < tiny.parameterCount());
        }
    }

    @Test
    void aPresetStudentIsPretrainedOnTheRunsCorpusAsItsOwnBase() {
        PipelineSpec spec = PipelineSpec.preset("tiny").withOverrides(Map.of("distill.student", "student"));
        PretrainConfig base = spec.pretrain();
        PretrainConfig student = Distillation.studentPretrain(spec);
        assertEquals("student", student.modelPreset());
        assertEquals(base.steps(), student.steps(), "default: as many steps as the base");
        assertEquals(base.corpus(), student.corpus());
        assertEquals(base.seed(), student.seed());
        assertNotEquals(PretrainStage.cacheKey(base), PretrainStage.cacheKey(student), "cached apart from the base");
        PipelineSpec shorter = spec.withOverrides(Map.of("distill.pretrain_steps", "120"));
        assertEquals(120, Distillation.studentPretrain(shorter).steps());
        assertTrue(Distillation.isPreset("student") && Distillation.isPreset("tiny"));
        assertFalse(Distillation.isPreset("builtin:tiny-base") || Distillation.isPreset("/models/Qwen2.5-0.5B"));
    }
}
