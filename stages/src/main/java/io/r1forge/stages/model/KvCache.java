package io.r1forge.stages.model;

import ai.djl.ndarray.NDManager;

/** Per-layer attention keys and values, grown by concatenation along time. */
public final class KvCache implements AutoCloseable {
    private final NDManager manager;

    public KvCache(NDManager parent, int numLayers) {
        this.manager = parent.newSubManager();
    }

    @Override
    public void close() {
        manager.close();
    }
}
