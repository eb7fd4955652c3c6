package io.r1forge.workflows;

/** Task queue names: workers poll one of them (DESIGN §1). */
public final class TaskQueues {
    /** Stage activities: workers with a GPU (or the CPU worker in the tiny world), one stage per JVM at a time. */
    public static final String GPU = "r1-gpu";
    /** Workflow tasks and light control activities (catalog writes, base resolution): any machine. */
    public static final String CONTROL = "r1-control";

    private TaskQueues() {}
}
