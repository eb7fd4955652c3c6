package io.r1forge.stages.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An open safetensors file: the header is parsed and validated on open, tensors are read on demand by mapping
 * only their own byte range (so files over 2 GiB work; one mapping is at most {@link #MAX_MAP} bytes).
 *
 * <p>Layout: {@code u64 little-endian N}, {@code N} bytes of JSON {@code {name: {dtype, shape, data_offsets:
 * [begin, end]}, "__metadata__": {..}}}, then the data area; offsets are relative to the data area.
 */
public final class SafetensorsFile implements AutoCloseable {
    /** Header bigger than this is refused before allocating it (the reference implementation caps at 100 MB). */
    static final long MAX_HEADER = 100L << 20;

    static final long MAX_MAP = 1L << 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where one tensor lives in the data area. */
    public record Entry(String name, DType dtype, long[] shape, long begin, long end) {}

    private final Path path;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, Entry> entries;
    private final Map<String, String> metadata;

    private SafetensorsFile(Path path, FileChannel channel, long dataStart, Map<String, Entry> entries,
            Map<String, String> metadata) {
        this.path = path;
        this.channel = channel;
        this.dataStart = dataStart;
        this.entries = entries;
        this.metadata = metadata;
    }

    /** Opens and validates a file; every inconsistency is a {@link SafetensorsException} naming it. */
    public static SafetensorsFile open(Path path) {
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new SafetensorsException("cannot open safetensors file " + path + ": " + e, e);
        }
        try {
            long size = ch.size();
            long n = readHeaderLength(ch, size, path);
            JsonNode header = parseHeader(ch, n, path);
            Map<String, String> meta = new LinkedHashMap<>();
            Map<String, Entry> entries = parseEntries(header, meta, path);
            validateOffsets(entries, size - 8 - n, path);
            return new SafetensorsFile(path, ch, 8 + n, entries, meta);
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch, e);
            if (e instanceof SafetensorsException se) {
                throw se;
            }
            throw new SafetensorsException("cannot read safetensors file " + path + ": " + e, e);
        }
    }

    private static long readHeaderLength(FileChannel ch, long size, Path path) throws IOException {
        if (size < 8) {
            throw new SafetensorsException("truncated safetensors file " + path + ": " + size
                    + " bytes, shorter than the 8-byte header length");
        }
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, b, 0);
        long n = b.getLong(0);
        if (n < 0 || n > size - 8) {
            throw new SafetensorsException("truncated safetensors file " + path + ": header length " + n
                    + " exceeds the " + (size - 8) + " bytes after the length field");
        }
        if (n > MAX_HEADER) {
            throw new SafetensorsException("safetensors header of " + path + " is " + n + " bytes, over the "
                    + MAX_HEADER + "-byte limit");
        }
        return n;
    }

    private static JsonNode parseHeader(FileChannel ch, long n, Path path) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) n);
        readFully(ch, b, 8);
        try {
            JsonNode node = JSON.readTree(new String(b.array(), StandardCharsets.UTF_8));
            if (node == null || !node.isObject()) {
                throw new SafetensorsException("safetensors header of " + path + " is not a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SafetensorsException("safetensors header of " + path + " is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, Entry> parseEntries(JsonNode header, Map<String, String> meta, Path path) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals("__metadata__")) {
                f.getValue().fields().forEachRemaining(m -> meta.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            entries.put(f.getKey(), parseEntry(f.getKey(), f.getValue(), path));
        }
        return entries;
    }

    private static Entry parseEntry(String name, JsonNode node, Path path) {
        JsonNode dt = node.get("dtype");
        JsonNode sh = node.get("shape");
        JsonNode off = node.get("data_offsets");
        if (dt == null || sh == null || !sh.isArray() || off == null || !off.isArray() || off.size() != 2) {
            throw new SafetensorsException("tensor '" + name + "' in " + path
                    + " lacks dtype, shape or a two-element data_offsets");
        }
        DType dtype = DType.parse(dt.asText(), name);
        long[] shape = new long[sh.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = sh.get(i).asLong(-1);
            if (shape[i] < 0) {
                throw new SafetensorsException("tensor '" + name + "' in " + path + " has an invalid shape " + sh);
            }
        }
        long begin = off.get(0).asLong(-1);
        long end = off.get(1).asLong(-1);
        long expected = Math.multiplyExact(HostTensor.numel(shape), dtype.byteSize());
        if (begin < 0 || end < begin) {
            throw new SafetensorsException("tensor '" + name + "' in " + path + " has invalid data_offsets " + off);
        }
        if (end - begin != expected) {
            throw new SafetensorsException("header/size mismatch for tensor '" + name + "' in " + path
                    + ": data_offsets span " + (end - begin) + " bytes but " + dtype + " shape " + sh + " needs "
                    + expected);
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    private static void validateOffsets(Map<String, Entry> entries, long dataSize, Path path) {
        List<Entry> sorted = new ArrayList<>(entries.values());
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long prevEnd = 0;
        String prev = null;
        for (Entry e : sorted) {
            if (e.end() > dataSize) {
                throw new SafetensorsException("truncated safetensors file " + path + ": tensor '" + e.name()
                        + "' ends at data offset " + e.end() + " but the data area has " + dataSize + " bytes");
            }
            if (e.begin() < prevEnd) {
                throw new SafetensorsException("overlapping tensors in " + path + ": '" + e.name()
                        + "' starts at " + e.begin() + " inside '" + prev + "' (ends at " + prevEnd + ")");
            }
            if (e.end() > e.begin()) {
                prevEnd = e.end();
                prev = e.name();
            }
        }
    }

    public Path path() {
        return path;
    }

    /** Tensor names in header order. */
    public Set<String> names() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    public Map<String, String> metadata() {
        return Collections.unmodifiableMap(metadata);
    }

    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    /** Header entry of a tensor; the error names a missing tensor. */
    public Entry entry(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new SafetensorsException("missing tensor '" + name + "' in " + path);
        }
        return e;
    }

    /** Reads one tensor, upcast to fp32. */
    public HostTensor read(String name) {
        return read(name, MAX_MAP);
    }

    /** As {@link #read(String)} mapping at most {@code maxMapBytes} at a time (small values test the chunking). */
    HostTensor read(String name, long maxMapBytes) {
        Entry e = entry(name);
        long numel = HostTensor.numel(e.shape());
        if (numel > Integer.MAX_VALUE - 8) {
            throw new SafetensorsException("tensor '" + name + "' has " + numel + " elements, over a Java array");
        }
        float[] out = new float[(int) numel];
        int elem = e.dtype().byteSize();
        long chunk = Math.max(1, maxMapBytes / elem) * elem;
        int done = 0;
        try {
            for (long pos = e.begin(); pos < e.end(); pos += chunk) {
                long len = Math.min(chunk, e.end() - pos);
                MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + pos, len);
                map.order(ByteOrder.LITTLE_ENDIAN);
                int count = (int) (len / elem);
                DTypeCodec.decode(e.dtype(), map, out, done, count);
                done += count;
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("reading tensor '" + name + "' from " + path, ex);
        }
        return new HostTensor(e.dtype(), e.shape().clone(), out);
    }

    /** Reads every tensor, in header order. */
    public Map<String, HostTensor> readAll() {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        for (String n : entries.keySet()) {
            out.put(n, read(n));
        }
        return out;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int r = ch.read(b, pos + b.position());
            if (r < 0) {
                throw new SafetensorsException("unexpected end of file while reading the safetensors header");
            }
        }
    }

    private static void closeQuietly(FileChannel ch, Exception primary) {
        try {
            ch.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }
}
