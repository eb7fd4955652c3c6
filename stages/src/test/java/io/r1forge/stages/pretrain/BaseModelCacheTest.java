package io.r1forge.stages.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.r1forge.stages.pipeline.StageOutput;
import io.r1forge.stages.spec.PipelineSpec;
import io.r1forge.stages.spec.PretrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseModelCacheTest {
    @Test
    void keyIsAFunctionOfConfigCorpusAndSeed() {
        String k = BaseModelCache.key("{\"steps\":450}", "{\"carry\":0.5}", 7);
        assertEquals(64, k.length());
        assertEquals(k, BaseModelCache.key("{\"steps\":450}", "{\"carry\":0.5}", 7));
        assertNotEquals(k, BaseModelCache.key("{\"steps\":451}", "{\"carry\":0.5}", 7));
        assertNotEquals(k, BaseModelCache.key("{\"steps\":450}", "{\"carry\":0.4}", 7));
        assertNotEquals(k, BaseModelCache.key("{\"steps\":450}", "{\"carry\":0.5}", 8));
    }

    @Test
    void aResizedPresetDoesNotFindTheBaseOfItsOldShape() {
        PretrainConfig p = PipelineSpec.preset("tiny").pretrain();
        io.r1forge.stages.model.ModelConfig tiny = PretrainStage.preset("tiny", 1);
        assertEquals(PretrainStage.cacheKey(p), PretrainStage.cacheKey(p, tiny));
        assertNotEquals(PretrainStage.cacheKey(p, tiny), PretrainStage.cacheKey(p, PretrainStage.preset("student", 1)),
                "same preset name and recipe, another architecture");
    }

    @Test
    void specChangesThatMatterChangeTheKeyAndOthersDoNot() {
        PipelineSpec tiny = PipelineSpec.preset("tiny");
        PretrainConfig p = tiny.pretrain();
        assertEquals(PretrainStage.cacheKey(p),
                PretrainStage.cacheKey(tiny.withOverrides(Map.of("r1_zero.max_steps", "3")).pretrain()));
        assertNotEquals(PretrainStage.cacheKey(p),
                PretrainStage.cacheKey(tiny.withOverrides(Map.of("pretrain.steps", "451")).pretrain()));
        assertNotEquals(PretrainStage.cacheKey(p),
                PretrainStage.cacheKey(tiny.withOverrides(Map.of("pretrain.corpus.carry_error_rate", "0.4")).pretrain()));
    }

    @Test
    void onlyACommittedBaseIsFound(@TempDir Path tmp) throws Exception {
        BaseModelCache cache = new BaseModelCache(tmp);
        Path dir = cache.prepare("abc");
        Files.writeString(dir.resolve("partial"), "a killed build leaves this");
        assertEquals(Optional.empty(), cache.find("abc"));
        StageOutput.commit(dir, "{}");
        assertEquals(Optional.of(dir), cache.find("abc"));
        assertTrue(StageOutput.isComplete(dir));
        assertEquals("{}", StageOutput.summary(dir));
    }
}
