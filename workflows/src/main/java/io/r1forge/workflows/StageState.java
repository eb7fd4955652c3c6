package io.r1forge.workflows;

/** State of one stage within a run. */
public enum StageState {
    PENDING,
    RUNNING,
    /** Ran and passed its gate, or was committed by an earlier run (then attempts = 0). */
    SUCCEEDED,
    /** The run ended while the stage had failed (e.g. aborted after spent retries). */
    FAILED,
    /** Disabled, or skipped by the operator; outputs are kept when a failed gate was waived. */
    SKIPPED,
    NEEDS_ATTENTION
}
