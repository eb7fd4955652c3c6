package io.r1forge.stages.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Per-layer attention keys and values of the tokens seen so far, grown by concatenation along time.
 *
 * <p>Arrays are kept in the layout attention consumes them in (keys already transposed), so a cached array is
 * only ever an operand, never the receiver of an op: results then land in the caller's step manager instead of
 * piling up here (DESIGN §6). Each append closes the arrays it replaces. Owns a sub-manager; {@link #close()}
 * frees everything.
 */
public final class KvCache implements AutoCloseable {
    private final NDManager manager;
    private final NDArray[] keysT; // per layer [B, nKv, headDim, S]
    private final NDArray[] values; // per layer [B, nKv, S, headDim]
    private NDArray keyBias; // [B, 1, 1, S]: 0 for tokens, -1e9 for padding
    private NDArray seen; // [B, 1] float: real (unpadded) tokens so far, the next position id
    private long length;

    /** An empty cache for a model with {@code numLayers} layers, in a sub-manager of {@code parent}. */
    public KvCache(NDManager parent, int numLayers) {
        this.manager = parent.newSubManager();
        this.keysT = new NDArray[numLayers];
        this.values = new NDArray[numLayers];
    }

    /** Number of time steps cached (padding included). */
    public long length() {
        return length;
    }

    /** Real tokens per row so far, [B, 1] float, or null when empty. */
    NDArray seenTokens() {
        return seen;
    }

    /**
     * Records the new tokens' key bias and updated token counts; returns the full key bias [B, 1, 1, S].
     *
     * @param newKeyBias [B, 1, 1, T]
     * @param newSeen [B, 1], taken over by the cache
     */
    NDArray appendKeyBias(NDArray newKeyBias, NDArray newSeen) {
        long t = newKeyBias.getShape().get(3);
        keyBias = grow(keyBias, newKeyBias, 3);
        if (seen != null) {
            seen.close();
        }
        newSeen.attach(manager);
        seen = newSeen;
        length += t;
        return keyBias;
    }

    /**
     * Appends a layer's new keys/values; returns the full {keysT [B, nKv, hd, S], values [B, nKv, S, hd]}.
     *
     * @param kT [B, nKv, hd, T]
     * @param v [B, nKv, T, hd]
     */
    NDArray[] append(int layer, NDArray kT, NDArray v) {
        keysT[layer] = grow(keysT[layer], kT, 3);
        values[layer] = grow(values[layer], v, 2);
        return new NDArray[] {keysT[layer], values[layer]};
    }

    private NDArray grow(NDArray old, NDArray add, int axis) {
        if (old == null) {
            add.attach(manager);
            return add;
        }
        NDArray grown = old.concat(add, axis); // receiver old: the result is ours
        old.close();
        return grown;
    }

    @Override
    public void close() {
        manager.close();
    }
}
