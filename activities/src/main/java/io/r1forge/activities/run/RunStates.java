package io.r1forge.activities.run;

import io.r1forge.activities.store.RunState;

/** The workflow's run states as the run catalog records them (the catalog has fewer, coarser states). */
public final class RunStates {
    private RunStates() {}

    /** PAUSED is RUNNING to the catalog (a workflow is alive); ABORTED and CANCELLED are both CANCELLED. */
    public static RunState toCatalog(io.r1forge.workflows.RunState state) {
        return switch (state) {
            case RUNNING, PAUSED -> RunState.RUNNING;
            case NEEDS_ATTENTION -> RunState.NEEDS_ATTENTION;
            case COMPLETED -> RunState.SUCCEEDED;
            case FAILED -> RunState.FAILED;
            case ABORTED, CANCELLED -> RunState.CANCELLED;
        };
    }
}
