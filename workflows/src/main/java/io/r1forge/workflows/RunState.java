package io.r1forge.workflows;

/** State of a pipeline run, as the status query and the run catalog report it. */
public enum RunState {
    RUNNING,
    /** Paused by an operator; takes effect between stages. */
    PAUSED,
    /** A stage's retries are spent or its gate failed: waiting for retry, skip or abort. */
    NEEDS_ATTENTION,
    COMPLETED,
    /** The request itself cannot run (e.g. an enabled stage's parent is disabled). */
    FAILED,
    /** Ended by the operator's abort signal. */
    ABORTED,
    /** Ended by Temporal cancellation of the workflow. */
    CANCELLED;

    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == ABORTED || this == CANCELLED;
    }
}
