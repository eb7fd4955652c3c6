package io.r1forge.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contracts cross Temporal through its default converter (Jackson with the JSR-310 module;
 * Durations as decimal seconds): records must
 * round-trip unchanged, including Durations, enum-keyed maps, nulls and the two StageResult constructors.
 */
class ContractsSerializationTest {
    private static final DataConverter CONVERTER = DefaultDataConverter.newDefaultInstance();
    private static final ArtifactRef REF =
            new ArtifactRef("run-1/R1_ZERO/a1/checkpoint", ArtifactRef.KIND_CHECKPOINT, "s3://r1/x", "ab12");

    private static <T> T roundTrip(T value, Class<T> type) {
        Payload payload = CONVERTER.toPayload(value).orElseThrow();
        return CONVERTER.fromPayload(payload, type, type);
    }

    @Test
    void pipelineRequestRoundTrips() {
        StagePlan plan = new StagePlan(StageName.R1_ZERO, true, "{\"beta\":0.01}", new Gate(Map.of("pass@1", 0.3)),
                3, Duration.ofHours(2), Duration.ofSeconds(45));
        PipelineRequest req = new PipelineRequest("run-1", "{}", "sha", List.of(plan), null, "run-0",
                Map.of(StageName.PRETRAIN_BASE, Map.of(StageName.OUT_CHECKPOINT, REF)));

        assertEquals(req, roundTrip(req, PipelineRequest.class));
        String json = CONVERTER.toPayload(req).orElseThrow().getData().toStringUtf8();
        // Temporal's mapper turns off WRITE_DATES_AS_TIMESTAMPS only: a Duration travels as decimal seconds.
        assertTrue(json.contains("\"startToClose\":7200.000000000"), json);
    }

    @Test
    void stageResultRoundTripsWithItsAttempt() {
        StageResult result = new StageResult(StageName.RS_SFT, Map.of(StageName.OUT_CHECKPOINT, REF),
                Map.of("pass@1", 0.41, "cons@8", 0.5), 120, 33.5, 3);
        assertEquals(result, roundTrip(result, StageResult.class));
        assertEquals(0, new StageResult(StageName.RS_SFT, Map.of(), Map.of(), 1, 1.0).attempt());
    }

    @Test
    void statusAndSignalsRoundTrip() {
        StageStatus row = new StageStatus(StageState.NEEDS_ATTENTION, 3,
                new StageProgress(7, 10, null, Map.of("kl", 0.02)), Map.of("pass@1", 0.2), Map.of("eval", REF));
        PipelineStatus status = new PipelineStatus("run-1", RunState.NEEDS_ATTENTION, StageName.R1_ZERO,
                Map.of(StageName.R1_ZERO, row), "gate failed");
        assertEquals(status, roundTrip(status, PipelineStatus.class));
        RetryRequest retry = new RetryRequest(null, Map.of("learning_rate", "1e-4"));
        assertEquals(retry, roundTrip(retry, RetryRequest.class));
        StageRequest req = new StageRequest("run-1", StageName.DISTILL, 4, "{}", Map.of("data", REF), null);
        assertEquals(req, roundTrip(req, StageRequest.class));
    }
}
