package io.r1forge.activities.store;

/**
 * One file of an artifact.
 *
 * @param path   relative, {@code /}-separated, e.g. {@code model.safetensors} or {@code shards/00001.jsonl}
 * @param size   bytes
 * @param sha256 lower-case hex of the file's bytes
 */
public record FileEntry(String path, long size, String sha256) {}
