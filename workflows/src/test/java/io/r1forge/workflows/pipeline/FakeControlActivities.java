package io.r1forge.workflows.pipeline;

import io.r1forge.workflows.ArtifactRef;
import io.r1forge.workflows.ControlActivities;
import io.r1forge.workflows.RunStateUpdate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A run catalog in memory: records every update; resolves the base to a fixed ref (or null). */
final class FakeControlActivities implements ControlActivities {
    final List<RunStateUpdate> updates = new CopyOnWriteArrayList<>();
    volatile ArtifactRef base;
    volatile int resolveCalls;

    @Override
    public void recordRunState(RunStateUpdate update) {
        updates.add(update);
    }

    @Override
    public ArtifactRef resolveBase(String runId, String specJson) {
        resolveCalls++;
        return base;
    }
}
