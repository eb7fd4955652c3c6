package io.r1forge.workflows;

/**
 * Change ids for {@code Workflow.getVersion}: every behaviour change of a workflow implementation is guarded by
 * one, so running workflows replay their recorded history unchanged (DESIGN §4). Add an id here for each change;
 * never rename or delete one while histories that recorded it may still run.
 */
public final class WorkflowVersions {
    /**
     * Version 1: a stage's eval metrics are checked against its {@link Gate} before its outputs are accepted.
     * (DEFAULT_VERSION: no gate check.) Introduced with the first release so the pattern exists.
     */
    public static final String GATE_CHECK = "gate-check";
    public static final int GATE_CHECK_MAX = 1;

    private WorkflowVersions() {}
}
