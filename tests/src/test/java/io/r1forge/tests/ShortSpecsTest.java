package io.r1forge.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.r1forge.stages.spec.PipelineSpec;
import io.r1forge.tests.harness.ShortSpecs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fast layer of this module: the shortened specs the slow tests run are valid and as short as intended. */
class ShortSpecsTest {
    @Test
    void shortenedSpecsValidateAndShareTheBaseRecipe(@TempDir Path dir) {
        PipelineSpec plain = ShortSpecs.pipeline("e2e-a");
        PipelineSpec longer = ShortSpecs.withLongR1Zero("e2e-b");
        assertEquals("e2e-a", plain.name());
        assertNull(plain.distill());
        assertTrue(plain.gates().isEmpty());
        assertEquals(2, plain.r1Zero().maxSteps());
        assertEquals(ShortSpecs.LONG_R1_ZERO_STEPS, longer.r1Zero().maxSteps());
        assertEquals(ShortSpecs.LONG_R1_ZERO_CHECKPOINT_EVERY, longer.r1Zero().checkpointEvery());
        // One pre-trained base per stack: every spec must carry the same pretrain section.
        assertEquals(plain.pretrain(), longer.pretrain());
        assertEquals(plain, PipelineSpec.read(ShortSpecs.write(plain, dir)));
    }
}
