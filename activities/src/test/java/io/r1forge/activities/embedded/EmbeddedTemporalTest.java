package io.r1forge.activities.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmbeddedTemporalTest {
    private static final String QUEUE = "embedded-test";

    @WorkflowInterface
    public interface GreetWorkflow {
        @WorkflowMethod
        String greet(String name);
    }

    @ActivityInterface
    public interface GreetActivities {
        String shout(String text);
    }

    public static class GreetWorkflowImpl implements GreetWorkflow {
        private final GreetActivities activities = Workflow.newActivityStub(GreetActivities.class,
                ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

        @Override
        public String greet(String name) {
            Workflow.sleep(Duration.ofMillis(200));
            return activities.shout("hello " + name);
        }
    }

    public static class GreetActivitiesImpl implements GreetActivities {
        @Override
        public String shout(String text) {
            return text.toUpperCase() + "!";
        }
    }

    @Test
    void runsWorkflowWithActivityThroughRealWorker() {
        try (EmbeddedTemporal temporal = new EmbeddedTemporal("127.0.0.1", 0)) {
            WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
                    WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
            WorkflowClient client = WorkflowClient.newInstance(stubs);
            WorkerFactory factory = WorkerFactory.newInstance(client);
            Worker worker = factory.newWorker(QUEUE, WorkerOptions.newBuilder()
                    .setStickyQueueScheduleToStartTimeout(Duration.ZERO).build());
            worker.registerWorkflowImplementationTypes(GreetWorkflowImpl.class);
            worker.registerActivitiesImplementations(new GreetActivitiesImpl());
            factory.start();
            try {
                GreetWorkflow wf = client.newWorkflowStub(GreetWorkflow.class,
                        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("greet-1").build());
                long t0 = System.nanoTime();
                assertEquals("HELLO R1!", wf.greet("r1"));
                // Real time: the 200 ms workflow timer is not skipped.
                assertTrue(System.nanoTime() - t0 >= 200_000_000L);
            } finally {
                factory.shutdownNow();
                stubs.shutdownNow();
            }
        }
    }

    @Test
    void bindsLoopbackOnly() throws IOException {
        try (EmbeddedTemporal temporal = new EmbeddedTemporal("127.0.0.1", 0)) {
            InetSocketAddress bound = temporal.boundAddress();
            assertEquals("127.0.0.1", bound.getAddress().getHostAddress());
            assertEquals("127.0.0.1:" + temporal.port(), temporal.target());
            Optional<InetAddress> other = otherLocalAddress();
            if (other.isPresent()) {
                assertThrows(IOException.class, () -> {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress(other.get(), temporal.port()), 1_000);
                    }
                }, "port must not be reachable on " + other.get());
            }
        }
    }

    private static Optional<InetAddress> otherLocalAddress() throws IOException {
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nif.isUp() || nif.isLoopback()) {
                continue;
            }
            for (InetAddress addr : Collections.list(nif.getInetAddresses())) {
                if (addr instanceof Inet4Address) {
                    return Optional.of(addr);
                }
            }
        }
        return Optional.empty();
    }
}
