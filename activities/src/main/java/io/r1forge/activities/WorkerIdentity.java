package io.r1forge.activities;

import java.lang.management.ManagementFactory;

/** {@code pid@hostname} of this JVM: the worker named in manifests, as Temporal names the worker in histories. */
public final class WorkerIdentity {
    private WorkerIdentity() {}

    public static String get() {
        return ManagementFactory.getRuntimeMXBean().getName();
    }
}
