package io.r1forge.activities.embedded;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The Temporal Java test server as a real gRPC service on {@code host:port}, in real time.
 *
 * <p>{@code TestServer.createPortBoundServer(port, true)} binds every interface, so this class wires the same
 * services ({@link TestServicesStarter} with {@code lockTimeSkipping = true}, i.e. no time skipping) into a
 * Netty server bound to one address only. History lives in memory: closing the server loses running
 * workflows. Workers must set {@code WorkerOptions.setStickyQueueScheduleToStartTimeout(Duration.ZERO)}
 * against it, or a workflow cached by a dead worker hangs.
 */
public final class EmbeddedTemporal implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final long SHUTDOWN_GRACE_SECONDS = 5;

    private final String host;
    private final TestServicesStarter services;
    private final Server server;

    /** Starts the server and returns once the port accepts connections. Port 0 picks a free port. */
    public EmbeddedTemporal(String host, int port) {
        this.host = host;
        // true: lock time skipping, so timers and timeouts run on the wall clock like a real cluster.
        this.services = new TestServicesStarter(true, 0);
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(host, port));
        GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
        try {
            this.server = builder.build().start();
        } catch (IOException e) {
            services.close();
            throw new UncheckedIOException("cannot bind Temporal test server to " + host + ":" + port, e);
        }
        awaitPort();
    }

    private void awaitPort() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port()), 500);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    close();
                    throw new UncheckedIOException("Temporal test server not reachable at " + target(), e);
                }
                sleep(50);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Temporal test server", e);
        }
    }

    /** The bound port (the free port chosen when constructed with 0). */
    public int port() {
        return ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
    }

    /** The address the server is bound to, as the kernel reports it. */
    public InetSocketAddress boundAddress() {
        return (InetSocketAddress) server.getListenSockets().get(0);
    }

    /** gRPC target for {@code WorkflowServiceStubsOptions.setTarget}, e.g. {@code 127.0.0.1:7233}. */
    public String target() {
        return host + ":" + port();
    }

    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            services.close();
        }
    }
}
