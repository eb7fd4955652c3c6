package io.r1forge.stages.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads and writes safetensors files ourselves: DJL's reader aborts the JVM on BF16 and fails over 2 GiB.
 * Reading upcasts F16/BF16/F64 to fp32; writing is always F32.
 */
public final class Safetensors {
    /** The Hugging Face file name of a single-file checkpoint. */
    public static final String MODEL_FILE = "model.safetensors";
    /** The Hugging Face index of a sharded checkpoint ({@code {"weight_map": {tensor: shard file}}}). */
    public static final String INDEX_FILE = "model.safetensors.index.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WRITE_CHUNK = 1 << 20;

    private Safetensors() {}

    /** Reads every tensor of one file, in header order. */
    public static Map<String, HostTensor> read(Path file) {
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            return f.readAll();
        }
    }

    /**
     * Reads a checkpoint directory's weights: the shards listed by {@value #INDEX_FILE} when present, else
     * {@value #MODEL_FILE}. Errors name a missing file, a tensor the index lists but its shard lacks, and a
     * tensor present in two shards.
     */
    public static Map<String, HostTensor> readDirectory(Path dir) {
        Path index = dir.resolve(INDEX_FILE);
        if (!Files.exists(index)) {
            Path single = dir.resolve(MODEL_FILE);
            if (!Files.exists(single)) {
                throw new SafetensorsException("missing file " + single + " (and no " + INDEX_FILE + ")");
            }
            return read(single);
        }
        return readSharded(index);
    }

    /** The weight files of a checkpoint directory: the distinct shards of its index, else the single file. */
    public static List<Path> files(Path dir) {
        Path index = dir.resolve(INDEX_FILE);
        if (Files.exists(index)) {
            return new TreeSet<>(weightMap(index).values()).stream().map(index::resolveSibling).toList();
        }
        Path single = dir.resolve(MODEL_FILE);
        if (!Files.exists(single)) {
            throw new SafetensorsException("missing file " + single + " (and no " + INDEX_FILE + ")");
        }
        return List.of(single);
    }

    /** Reads and merges the shards of a {@value #INDEX_FILE}, in the index's tensor order. */
    public static Map<String, HostTensor> readSharded(Path index) {
        Map<String, String> weightMap = weightMap(index);
        Map<String, HostTensor> out = new LinkedHashMap<>();
        Map<String, List<String>> byShard = new TreeMap<>();
        weightMap.forEach((t, shard) -> byShard.computeIfAbsent(shard, s -> new ArrayList<>()).add(t));
        Map<String, HostTensor> loaded = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : byShard.entrySet()) {
            Path shard = index.resolveSibling(e.getKey());
            if (!Files.exists(shard)) {
                throw new SafetensorsException("missing shard file " + shard + " listed in " + index);
            }
            try (SafetensorsFile f = SafetensorsFile.open(shard)) {
                for (String t : e.getValue()) {
                    if (!f.contains(t)) {
                        throw new SafetensorsException("missing tensor '" + t + "': " + index + " maps it to "
                                + e.getKey() + " which does not contain it");
                    }
                    loaded.put(t, f.read(t));
                }
            }
        }
        weightMap.keySet().forEach(t -> out.put(t, loaded.get(t)));
        return out;
    }

    private static Map<String, String> weightMap(Path index) {
        JsonNode root;
        try {
            root = JSON.readTree(index.toFile());
        } catch (IOException e) {
            throw new SafetensorsException("cannot read sharded index " + index + ": " + e.getMessage(), e);
        }
        JsonNode wm = root == null ? null : root.get("weight_map");
        if (wm == null || !wm.isObject()) {
            throw new SafetensorsException("sharded index " + index + " has no 'weight_map' object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = wm.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            out.put(f.getKey(), f.getValue().asText());
        }
        return out;
    }

    /**
     * Writes tensors as F32 in map order, atomically: a temporary file in the same directory is renamed over
     * {@code file} only once complete, so a crash never leaves a partial file under the final name.
     */
    public static void write(Path file, Map<String, HostTensor> tensors) {
        write(file, tensors, Map.of());
    }

    /** As {@link #write(Path, Map)} with {@code __metadata__} string pairs (e.g. {"format": "pt"}). */
    public static void write(Path file, Map<String, HostTensor> tensors, Map<String, String> metadata) {
        byte[] header = header(tensors, metadata);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
                writeFully(ch, len.flip());
                writeFully(ch, ByteBuffer.wrap(header));
                ByteBuffer buf = ByteBuffer.allocate(WRITE_CHUNK).order(ByteOrder.LITTLE_ENDIAN);
                for (HostTensor t : tensors.values()) {
                    writeFloats(ch, buf, t.data());
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new SafetensorsException("cannot write safetensors file " + file + ": " + e, e);
        }
    }

    /** JSON header padded with spaces to a multiple of 8 bytes so the data area is aligned (as HF writes it). */
    private static byte[] header(Map<String, HostTensor> tensors, Map<String, String> metadata) {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, HostTensor> e : tensors.entrySet()) {
            ObjectNode t = root.putObject(e.getKey());
            t.put("dtype", "F32");
            ArrayNode shape = t.putArray("shape");
            for (long d : e.getValue().shape()) {
                shape.add(d);
            }
            long end = offset + 4L * e.getValue().data().length;
            t.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json = root.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = new byte[padded];
        Arrays.fill(out, (byte) ' ');
        System.arraycopy(json, 0, out, 0, json.length);
        return out;
    }

    private static void writeFloats(FileChannel ch, ByteBuffer buf, float[] data) throws IOException {
        int i = 0;
        while (i < data.length) {
            buf.clear();
            int n = Math.min(buf.capacity() / 4, data.length - i);
            buf.asFloatBuffer().put(data, i, n);
            buf.limit(4 * n);
            writeFully(ch, buf);
            i += n;
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }
}
