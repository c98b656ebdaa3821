package org.ambidex.io.pickle;

import java.util.List;
import java.util.Map;
import org.ambidex.io.DType;

/**
 * PyTorch's pickle entry points: the storage classes, the tensor and parameter rebuild functions and the
 * dtype names. A rebuilt tensor is a view of a storage the {@link PersistentLoader} supplied.
 */
final class TorchGlobals {

    private TorchGlobals() {
    }

    /** The storage classes and their element types. */
    static final Map<String, DType> STORAGES = Map.ofEntries(
        Map.entry("FloatStorage", DType.FLOAT32), Map.entry("DoubleStorage", DType.FLOAT64),
        Map.entry("HalfStorage", DType.FLOAT16), Map.entry("BFloat16Storage", DType.BFLOAT16),
        Map.entry("LongStorage", DType.INT64), Map.entry("IntStorage", DType.INT32),
        Map.entry("ShortStorage", DType.INT16), Map.entry("CharStorage", DType.INT8),
        Map.entry("ByteStorage", DType.UINT8), Map.entry("BoolStorage", DType.BOOL),
        Map.entry("ComplexFloatStorage", DType.COMPLEX64), Map.entry("ComplexDoubleStorage", DType.COMPLEX128),
        Map.entry("UntypedStorage", DType.UINT8));

    private static final List<String> DTYPE_NAMES = List.of("float32", "float", "float64", "double", "float16",
        "half", "bfloat16", "int64", "long", "int32", "int", "int16", "short", "int8", "uint8", "bool",
        "complex64", "complex128");

    static void register(Map<String, PyGlobal> globals) {
        STORAGES.forEach((name, dtype) -> globals.put("torch." + name, new TorchStorage.Type(name, dtype)));
        for (String u : List.of("torch._utils", "torch")) {
            put(globals, new Simple(u, "_rebuild_tensor_v2", args -> rebuild(args, "_rebuild_tensor_v2")));
            put(globals, new Simple(u, "_rebuild_tensor", args -> rebuild(args, "_rebuild_tensor")));
        }
        put(globals, new Simple("torch._utils", "_rebuild_parameter", TorchGlobals::parameter));
        put(globals, new Simple("torch._utils", "_rebuild_parameter_with_state", TorchGlobals::parameter));
        put(globals, new Simple("torch._tensor", "_rebuild_from_type_v2", TorchGlobals::fromType));
        put(globals, new Simple("torch", "Size", args -> args.isEmpty() ? PyTuple.EMPTY : args.get(0)));
        put(globals, new Simple("torch.storage", "_load_from_bytes", TorchGlobals::storageFromBytes));
        for (String cls : List.of("torch.Tensor", "torch._tensor.Tensor", "torch.nn.parameter.Parameter")) {
            int dot = cls.lastIndexOf('.');
            put(globals, new ClassToken(cls.substring(0, dot), cls.substring(dot + 1)));
        }
        for (String name : DTYPE_NAMES) {
            put(globals, new ClassToken("torch", name));
        }
    }

    private static void put(Map<String, PyGlobal> globals, PyGlobal g) {
        globals.put(g.qualifiedName(), g);
    }

    /** {@code _rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks[, metadata])}. */
    private static Object rebuild(List<Object> args, String what) {
        Args.atLeast(args, 4, what);
        if (!(args.get(0) instanceof TorchStorage storage)) {
            throw new PickleException(what + " of " + Args.typeName(args.get(0)) + ", expected a storage");
        }
        long offset = Args.integer(args.get(1), what + " storage offset");
        int[] shape = Args.shape(args.get(2), what + " size");
        long[] stride = Args.longs(args.get(3), what + " stride");
        return new TorchTensorRef(storage, offset, shape, stride);
    }

    /**
     * {@code torch.storage._load_from_bytes(blob)}: how a storage is pickled by plain {@code pickle.dump} of a
     * tensor, the blob being a legacy {@code torch.save} container of the storage alone. It is read with the
     * same safe reader.
     */
    private static Object storageFromBytes(List<Object> args) {
        Args.count(args, 1, "torch.storage._load_from_bytes");
        byte[] blob = Args.bytes(args.get(0), "torch.storage._load_from_bytes data");
        Object storage;
        try {
            storage = LegacyTorchContainer.read(PickleSource.of(blob), null);
        } catch (org.ambidex.core.BadInputException e) {
            throw new PickleException("an embedded torch storage is malformed: " + e.getMessage());
        }
        if (!(storage instanceof TorchStorage)) {
            throw new PickleException("torch.storage._load_from_bytes holds " + Args.typeName(storage)
                + ", expected a storage");
        }
        return storage;
    }

    /** {@code _rebuild_parameter(data, requires_grad, hooks)}: the parameter's tensor. */
    private static Object parameter(List<Object> args) {
        Args.atLeast(args, 1, "_rebuild_parameter");
        return args.get(0);
    }

    /** {@code _rebuild_from_type_v2(func, new_type, args, state)}: {@code func(*args)}. */
    private static Object fromType(List<Object> args) {
        Args.atLeast(args, 3, "_rebuild_from_type_v2");
        if (!(args.get(0) instanceof PyGlobal function) || !(args.get(2) instanceof List<?> inner)) {
            throw new PickleException("_rebuild_from_type_v2 of " + Args.typeName(args.get(0)));
        }
        @SuppressWarnings("unchecked")
        List<Object> innerArgs = (List<Object>) inner;
        return function.call(innerArgs);
    }
}
