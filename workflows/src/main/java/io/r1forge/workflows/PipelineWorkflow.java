package io.r1forge.workflows;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A DeepSeek-R1 training run: walks the stage DAG ({@link StageName}), one stage activity at a time.
 *
 * <p>When a stage's automatic retries are spent, its config is invalid, or its gate fails, the run enters
 * {@link RunState#NEEDS_ATTENTION} and waits for {@link #retry}, {@link #skip} or {@link #abort}. Signals that do
 * not apply (retry or skip while nothing needs attention, a skip the DAG does not allow) are refused: they change
 * nothing and the refusal is reported in {@link PipelineStatus#attentionReason()}.
 */
@WorkflowInterface
public interface PipelineWorkflow {
    /** Workflow type name. */
    String TYPE = "Pipeline";

    @WorkflowMethod(name = TYPE)
    PipelineResult run(PipelineRequest request);

    /** Re-runs the stage that needs attention (attempts keep counting), with optional config overrides. */
    @SignalMethod
    void retry(RetryRequest request);

    /**
     * Skips the stage that needs attention. After a failed gate, its outputs are accepted as they are. After a
     * failure, allowed only if no later enabled stage needs the stage's outputs.
     */
    @SignalMethod
    void skip();

    /** Ends the run as {@link RunState#ABORTED}; a running stage activity is cancelled. */
    @SignalMethod
    void abort(String reason);

    /** Pauses before the next stage starts (a running stage runs to its end). */
    @SignalMethod
    void pause();

    @SignalMethod
    void resume();

    /**
     * State, attempts, metrics and outputs of every stage. Live progress of the running stage is not here: the
     * workflow cannot see heartbeats. A client combines this answer with DescribeWorkflowExecution, whose pending
     * activity (id {@code <STAGE>#<attempt>}) carries the latest {@link StageProgress} as heartbeat details.
     */
    @QueryMethod
    PipelineStatus status();
}
