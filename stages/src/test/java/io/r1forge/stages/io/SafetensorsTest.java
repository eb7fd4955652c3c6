package io.r1forge.stages.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir Path dir;

    @Test
    void roundTripIsBitExactIncludingNanPayloadAndNegativeZero() {
        float[] special = {
            Float.intBitsToFloat(0x7fc00001), Float.intBitsToFloat(0xffc12345), -0.0f, 0.0f,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, 1.1754942e-38f, 3.4028235e38f, -1.5f
        };
        Map<String, HostTensor> in = new LinkedHashMap<>();
        in.put("b.second", HostTensor.f32(new long[] {2, 5}, special));
        in.put("a.first", HostTensor.f32(new long[] {3}, new float[] {1, 2, 3}));
        in.put("scalar", HostTensor.f32(new long[] {}, new float[] {7}));
        in.put("empty", HostTensor.f32(new long[] {0, 4}, new float[0]));
        Path f = dir.resolve("m.safetensors");
        Safetensors.write(f, in, Map.of("format", "pt"));

        Map<String, HostTensor> out = Safetensors.read(f);
        assertEquals(List.copyOf(in.keySet()), List.copyOf(out.keySet()), "header order kept");
        for (String n : in.keySet()) {
            assertArrayEquals(in.get(n).shape(), out.get(n).shape(), n);
            float[] a = in.get(n).data();
            float[] b = out.get(n).data();
            assertEquals(a.length, b.length);
            for (int i = 0; i < a.length; i++) {
                assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]), n + "[" + i + "]");
            }
        }
        try (SafetensorsFile sf = SafetensorsFile.open(f)) {
            assertEquals("pt", sf.metadata().get("format"));
        }
        assertTrue(Files.notExists(dir.resolve("m.safetensors.tmp")), "temporary file renamed away");
    }

    @Test
    void headerLengthBeyondFileIsTruncation() throws IOException {
        Path f = dir.resolve("t.safetensors");
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).putInt(0);
        Files.write(f, b.array());
        SafetensorsException e = assertThrows(SafetensorsException.class, () -> Safetensors.read(f));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("1000"), e.getMessage());

        Files.write(f, new byte[] {1, 2, 3});
        e = assertThrows(SafetensorsException.class, () -> Safetensors.read(f));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void dataShorterThanOffsetsIsTruncation() throws IOException {
        Path f = dir.resolve("t.safetensors");
        Safetensors.write(f, Map.of("w", HostTensor.f32(new long[] {4}, new float[] {1, 2, 3, 4})));
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length - 4));
        SafetensorsException e = assertThrows(SafetensorsException.class, () -> Safetensors.read(f));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("'w'"), e.getMessage());
    }

    @Test
    void headerSizeMismatchNamesTensor() throws IOException {
        Path f = raw("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", new byte[8]);
        SafetensorsException e = assertThrows(SafetensorsException.class, () -> Safetensors.read(f));
        assertTrue(e.getMessage().contains("header/size mismatch") && e.getMessage().contains("'w'"),
                e.getMessage());
    }

    @Test
    void overlappingOffsetsAreRefused() throws IOException {
        Path f = raw("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", new byte[12]);
        SafetensorsException e = assertThrows(SafetensorsException.class, () -> Safetensors.read(f));
        assertTrue(e.getMessage().contains("overlapping"), e.getMessage());
    }

    @Test
    void unknownDtypeIsNamed() throws IOException {
        Path f = raw("{\"w\":{\"dtype\":\"F8_E4M3\",\"shape\":[2],\"data_offsets\":[0,2]}}", new byte[2]);
        SafetensorsException e = assertThrows(SafetensorsException.class, () -> Safetensors.read(f));
        assertTrue(e.getMessage().contains("F8_E4M3") && e.getMessage().contains("'w'"), e.getMessage());
    }

    @Test
    void invalidJsonHeaderIsReported() throws IOException {
        Path f = raw("{not json", new byte[0]);
        SafetensorsException e = assertThrows(SafetensorsException.class, () -> Safetensors.read(f));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }

    @Test
    void missingTensorIsNamedOnLookup() {
        Path f = dir.resolve("m.safetensors");
        Safetensors.write(f, Map.of("present", HostTensor.f32(new long[] {1}, new float[] {1})));
        try (SafetensorsFile sf = SafetensorsFile.open(f)) {
            SafetensorsException e = assertThrows(SafetensorsException.class, () -> sf.read("model.norm.weight"));
            assertTrue(e.getMessage().contains("missing tensor 'model.norm.weight'"), e.getMessage());
        }
    }

    @Test
    void f16AndBf16AreUpcastExactly() throws IOException {
        // F16: 1.0=0x3C00, -2.0=0xC000, 65504=0x7BFF, smallest subnormal 0x0001=2^-24, -0=0x8000, +inf=0x7C00
        short[] half = {0x3C00, (short) 0xC000, 0x7BFF, 0x0001, (short) 0x8000, 0x7C00, 0x3555};
        float[] halfExpected = {1f, -2f, 65504f, 0x1p-24f, -0f, Float.POSITIVE_INFINITY, 0.33325195f};
        // BF16 = top 16 bits of fp32: 1.0=0x3F80, -3.5=0xC060, pi≈0x4049 (3.140625), 1e-38-ish 0x006D
        short[] bf = {0x3F80, (short) 0xC060, 0x4049, 0x006D, (short) 0xFF80};
        float[] bfExpected = {1f, -3.5f, 3.140625f, Float.intBitsToFloat(0x006D0000), Float.NEGATIVE_INFINITY};
        ByteBuffer data = ByteBuffer.allocate(2 * (half.length + bf.length)).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : half) {
            data.putShort(s);
        }
        for (short s : bf) {
            data.putShort(s);
        }
        int h = 2 * half.length;
        Path f = raw("{\"h\":{\"dtype\":\"F16\",\"shape\":[7],\"data_offsets\":[0," + h + "]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[5],\"data_offsets\":[" + h + "," + (h + 10) + "]}}",
                data.array());
        Map<String, HostTensor> t = Safetensors.read(f);
        assertEquals(DType.F16, t.get("h").dtype());
        assertEquals(DType.BF16, t.get("b").dtype());
        assertArrayEquals(halfExpected, t.get("h").data());
        assertArrayEquals(bfExpected, t.get("b").data());
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(t.get("h").data()[4]));
    }

    @Test
    void shardedIndexMergesShardsAndNamesMissing() throws IOException {
        Safetensors.write(dir.resolve("model-00001-of-00002.safetensors"),
                Map.of("a", HostTensor.f32(new long[] {2}, new float[] {1, 2})));
        Safetensors.write(dir.resolve("model-00002-of-00002.safetensors"),
                Map.of("b", HostTensor.f32(new long[] {1}, new float[] {3})));
        String index = "{\"metadata\":{\"total_size\":12},\"weight_map\":{"
                + "\"b\":\"model-00002-of-00002.safetensors\",\"a\":\"model-00001-of-00002.safetensors\"}}";
        Files.writeString(dir.resolve(Safetensors.INDEX_FILE), index);
        Map<String, HostTensor> all = Safetensors.readDirectory(dir);
        assertEquals(List.of("b", "a"), List.copyOf(all.keySet()));
        assertArrayEquals(new float[] {1, 2}, all.get("a").data());
        assertArrayEquals(new float[] {3}, all.get("b").data());

        Files.writeString(dir.resolve(Safetensors.INDEX_FILE),
                index.replace("\"a\":\"model-00001", "\"c\":\"model-00001"));
        SafetensorsException e = assertThrows(SafetensorsException.class, () -> Safetensors.readDirectory(dir));
        assertTrue(e.getMessage().contains("missing tensor 'c'"), e.getMessage());
    }

    @Test
    void chunkedMappingReadsTheSameValues() {
        float[] v = new float[1001];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.sin(i) * i;
        }
        Path f = dir.resolve("c.safetensors");
        Safetensors.write(f, Map.of("pad", HostTensor.f32(new long[] {3}, new float[] {1, 2, 3}),
                "v", HostTensor.f32(new long[] {7, 143}, v)));
        try (SafetensorsFile sf = SafetensorsFile.open(f)) {
            for (long chunk : new long[] {4, 12, 1000, 1 << 20}) {
                assertArrayEquals(v, sf.read("v", chunk).data(), "chunk " + chunk);
            }
        }
    }

    @Test
    void missingCheckpointFileIsNamed() {
        SafetensorsException e = assertThrows(SafetensorsException.class, () -> Safetensors.readDirectory(dir));
        assertTrue(e.getMessage().contains("model.safetensors"), e.getMessage());
    }

    @Test
    void bf16RequestIsRefusedWithoutTouchingDjl() {
        DTypes.UnsupportedDTypeException e = assertThrows(DTypes.UnsupportedDTypeException.class,
                () -> DTypes.requireSupportedOnCpu(DataType.BFLOAT16));
        assertTrue(e.getMessage().contains("bfloat16 is not supported on CPU"), e.getMessage());
        assertThrows(DTypes.UnsupportedDTypeException.class, () -> DTypes.requireSupportedOnCpu("bfloat16"));
        assertEquals(DataType.FLOAT32, DTypes.requireSupportedOnCpu("float32"));
    }

    private Path raw(String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        Path f = dir.resolve("raw.safetensors");
        Files.write(f, b.array());
        return f;
    }
}
