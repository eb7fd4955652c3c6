package io.r1forge.activities.store;

/** Life cycle of a pipeline run as the catalog records it. */
public enum RunState {
    PENDING,
    RUNNING,
    /** Automatic retries spent: waiting for an operator to retry, skip or abort (DESIGN §4). */
    NEEDS_ATTENTION,
    SUCCEEDED,
    FAILED,
    CANCELLED,
    /**
     * Never stored by a workflow: computed when a record says RUNNING or NEEDS_ATTENTION but the Temporal
     * server no longer knows the workflow (the embedded server keeps history in memory and lost it on restart).
     * {@code r1 retry} starts a new run whose {@code parentRunId} links here.
     */
    INTERRUPTED;

    /** A workflow should be executing (or waiting) for a run in this state. */
    public boolean expectsLiveWorkflow() {
        return this == RUNNING || this == NEEDS_ATTENTION;
    }
}
