package io.r1forge.workflows;

/**
 * {@code ApplicationFailure} type names shared by activities (which throw them) and the workflow (which reacts).
 */
public final class FailureTypes {
    /**
     * The stage config cannot work (unknown field, bad value, missing input): retrying the same request cannot
     * succeed, so it is not retried automatically; the run asks the operator, who may retry with overrides.
     */
    public static final String INVALID_CONFIG = "InvalidConfig";
    /** An input artifact is missing or its manifest hash does not match: retrying cannot fix it. */
    public static final String INVALID_INPUT = "InvalidInput";
    /** The pipeline request cannot run (DAG unsatisfied); the workflow fails with this type. */
    public static final String INVALID_REQUEST = "InvalidRequest";

    private FailureTypes() {}
}
