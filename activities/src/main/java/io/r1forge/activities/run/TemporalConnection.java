package io.r1forge.activities.run;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the Temporal service is: the embedded server ({@code 127.0.0.1:7233}, plain text) by default, a cluster in
 * production (target, namespace, and mutual TLS from a PEM client certificate and PKCS#8 key).
 *
 * @param tlsCert client certificate (PEM); null = plain text
 * @param tlsKey  client key (PKCS#8 PEM); required with {@code tlsCert}
 */
public record TemporalConnection(String target, String namespace, Path tlsCert, Path tlsKey) {
    public static final String DEFAULT_TARGET = "127.0.0.1:7233";
    public static final String DEFAULT_NAMESPACE = "default";

    public static TemporalConnection plain(String target) {
        return new TemporalConnection(target, DEFAULT_NAMESPACE, null, null);
    }

    /** New service stubs (one gRPC channel); the caller shuts them down. */
    public WorkflowServiceStubs stubs() {
        WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder().setTarget(target);
        if (tlsCert != null) {
            if (tlsKey == null) {
                throw new IllegalArgumentException("--tls-cert needs --tls-key (PKCS#8 PEM)");
            }
            try (InputStream cert = Files.newInputStream(tlsCert); InputStream key = Files.newInputStream(tlsKey)) {
                options.setSslContext(SimpleSslContextBuilder.forPKCS8(cert, key).build());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read TLS certificate or key", e);
            }
        }
        return WorkflowServiceStubs.newServiceStubs(options.build());
    }

    public WorkflowClient client(WorkflowServiceStubs stubs) {
        return WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
    }

    /**
     * The status of workflow {@code workflowId} (of Temporal run {@code runId} if not null), or empty when the
     * server does not know it — e.g. the embedded server restarted and lost its in-memory history.
     */
    public static Optional<WorkflowExecutionStatus> describe(WorkflowClient client, String workflowId, String runId) {
        WorkflowExecution.Builder execution = WorkflowExecution.newBuilder().setWorkflowId(workflowId);
        if (runId != null) {
            execution.setRunId(runId);
        }
        try {
            return Optional.of(client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
                    DescribeWorkflowExecutionRequest.newBuilder()
                            .setNamespace(client.getOptions().getNamespace())
                            .setExecution(execution)
                            .build()).getWorkflowExecutionInfo().getStatus());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
