package io.r1forge.stages.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;

/** Conversion between host tensors and DJL fp32 NDArrays. */
public final class NdArrays {
    private NdArrays() {}

    /** An fp32 NDArray owned by {@code manager}, named {@code name}. */
    public static NDArray toNd(String name, HostTensor t, NDManager manager) {
        NDArray a = manager.create(t.data(), new Shape(t.shape()));
        a.setName(name);
        return a;
    }

    /** Host copy of an fp32 array (F32 in the result); other dtypes are refused rather than cast. */
    public static HostTensor toHost(NDArray a) {
        DTypes.requireSupportedOnCpu(a.getDataType());
        return HostTensor.f32(a.getShape().getShape(), a.toFloatArray());
    }

    /** {@link #toNd} over a map, keeping its order. */
    public static Map<String, NDArray> toNdMap(Map<String, HostTensor> tensors, NDManager manager) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        tensors.forEach((n, t) -> out.put(n, toNd(n, t, manager)));
        return out;
    }

    /** {@link #toHost} over a map, keeping its order. */
    public static Map<String, HostTensor> toHostMap(Map<String, NDArray> arrays) {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        arrays.forEach((n, a) -> out.put(n, toHost(a)));
        return out;
    }
}
