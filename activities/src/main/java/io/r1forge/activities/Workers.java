package io.r1forge.activities;

import io.r1forge.activities.store.ArtifactStore;
import io.r1forge.stages.pretrain.BaseModelCache;
import io.r1forge.workflows.TaskQueues;
import io.r1forge.workflows.pipeline.PipelineWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The workers of one JVM: {@code r1-gpu} runs stage activities, {@code r1-control} runs the pipeline workflow and
 * the control activities; {@link Queue#ALL} runs both (the embedded stack's single worker).
 */
public final class Workers implements AutoCloseable {
    /** Which task queues this JVM polls. */
    public enum Queue {
        GPU, CONTROL, ALL;

        /** {@code r1-gpu}, {@code r1-control} or {@code all}. */
        public static Queue parse(String name) {
            return switch (name) {
                case TaskQueues.GPU, "gpu" -> GPU;
                case TaskQueues.CONTROL, "control" -> CONTROL;
                case "all" -> ALL;
                default -> throw new IllegalArgumentException("unknown queue '" + name + "' (expected "
                        + TaskQueues.GPU + ", " + TaskQueues.CONTROL + " or all)");
            };
        }

        List<String> taskQueues() {
            return switch (this) {
                case GPU -> List.of(TaskQueues.GPU);
                case CONTROL -> List.of(TaskQueues.CONTROL);
                case ALL -> List.of(TaskQueues.CONTROL, TaskQueues.GPU);
            };
        }
    }

    /** A stopping worker lets a running stage reach its next heartbeat and report; then it is interrupted. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private final WorkerFactory factory;
    private final List<String> queues;

    private Workers(WorkerFactory factory, List<String> queues) {
        this.factory = factory;
        this.queues = queues;
    }

    /** Registers and starts the workers of {@code queue}. */
    public static Workers start(WorkflowClient client, ArtifactStore store, Queue queue, Path workRoot) {
        return start(client, store, queue, new StageActivitiesImpl(store, workRoot));
    }

    static Workers start(WorkflowClient client, ArtifactStore store, Queue queue, StageActivitiesImpl stages) {
        WorkerFactory factory = WorkerFactory.newInstance(client);
        for (String q : queue.taskQueues()) {
            Worker worker = factory.newWorker(q, options(q));
            if (q.equals(TaskQueues.GPU)) {
                worker.registerActivitiesImplementations(stages);
            } else {
                worker.registerWorkflowImplementationTypes(PipelineWorkflowImpl.class);
                worker.registerActivitiesImplementations(
                        new ControlActivitiesImpl(store, BaseModelCache.defaultCache(), Clock.systemUTC()));
            }
        }
        factory.start();
        return new Workers(factory, queue.taskQueues());
    }

    /**
     * Sticky schedule-to-start zero on every queue: against the embedded test server a workflow cached by a worker
     * that died otherwise hangs (DESIGN §6). On the GPU queue, one activity at a time: DJL allows one open
     * GradientCollector per process, and one stage already uses every core or the whole GPU.
     */
    static WorkerOptions options(String queue) {
        WorkerOptions.Builder b = WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(Duration.ZERO);
        if (queue.equals(TaskQueues.GPU)) {
            b.setMaxConcurrentActivityExecutionSize(1);
        }
        return b.build();
    }

    public List<String> queues() {
        return queues;
    }

    @Override
    public void close() {
        factory.shutdown();
        factory.awaitTermination(SHUTDOWN_GRACE.toSeconds(), TimeUnit.SECONDS);
        if (!factory.isTerminated()) {
            factory.shutdownNow();
        }
    }
}
