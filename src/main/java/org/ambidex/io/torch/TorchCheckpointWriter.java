package org.ambidex.io.torch;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ambidex.core.AtomicOutput;
import org.ambidex.io.DType;
import org.ambidex.io.NdArray;

/**
 * Writes checkpoints in PyTorch's zip container, which {@code torch.load} reads: {@code archive/data.pkl}
 * (a protocol 2 pickle whose tensors are {@code torch._utils._rebuild_tensor_v2} calls on storages named by
 * persistent ids {@code ('storage', torch.FloatStorage, '0', 'cpu', numel)}), {@code archive/byteorder}
 * ({@code little}), one stored (uncompressed) entry {@code archive/data/<key>} per tensor, its data aligned
 * to 64 bytes as PyTorch aligns it, and {@code archive/version} ({@code 3}).
 */
public final class TorchCheckpointWriter {

    private static final String FOLDER = "archive/";

    private TorchCheckpointWriter() {
    }

    /**
     * Writes {@code {**tensors, **others}} to {@code file} (atomically). Tensors are saved C-contiguous on the
     * CPU; {@code others} may hold numbers, strings, booleans, null, byte arrays, lists and maps of these and
     * of tensors (an optimizer state, a nested {@code network} dictionary). A dictionary holding only tensors
     * is saved as an {@code OrderedDict}, as {@code state_dict()} returns.
     */
    public static void write(Path file, Map<String, NdArray> tensors, Map<String, Object> others) {
        Map<String, Object> root = new LinkedHashMap<>(tensors);
        others.forEach((k, v) -> {
            if (root.put(k, v) != null) {
                throw new IllegalArgumentException("'" + k + "' is both a tensor and another entry");
            }
        });
        writeObject(file, root);
    }

    /** Writes any value the class description allows as the checkpoint's object. */
    public static void writeObject(Path file, Object root) {
        List<NdArray> storages = new ArrayList<>();
        PickleEmitter pickle = new PickleEmitter(tensor -> rebuildCall(tensor, storages.size(), storages));
        byte[] data = pickle.pickle(root);
        AtomicOutput.write(file, stream -> {
            AlignedZip zip = new AlignedZip(stream);
            zip.put(FOLDER + "data.pkl", data);
            zip.put(FOLDER + "byteorder", "little".getBytes(StandardCharsets.US_ASCII));
            for (int key = 0; key < storages.size(); key++) {
                zip.put(FOLDER + "data/" + key, storages.get(key).toCOrder().bytes());
            }
            zip.put(FOLDER + "version", "3\n".getBytes(StandardCharsets.US_ASCII));
            zip.finish();
        });
    }

    /** The opcodes of {@code _rebuild_tensor_v2((storage pid), 0, size, stride, False, OrderedDict())}. */
    static byte[] rebuildCall(NdArray tensor, int key, List<NdArray> storages) {
        String storageClass = storageClass(tensor.dtype());
        storages.add(tensor);
        PickleEmitter p = new PickleEmitter(null);
        p.global("torch._utils", "_rebuild_tensor_v2");
        p.raw('(');
        p.raw('(');
        p.string("storage");
        p.global("torch", storageClass);
        p.string(Integer.toString(key));
        p.string("cpu");
        p.integer(tensor.size());
        p.raw('t', 'Q');
        p.integer(0);
        int[] shape = tensor.shape();
        p.raw('(');
        for (int d : shape) {
            p.integer(d);
        }
        p.raw('t');
        p.raw('(');
        long stride = 1;
        long[] strides = new long[shape.length];
        for (int a = shape.length - 1; a >= 0; a--) {
            strides[a] = stride;
            stride *= Math.max(shape[a], 1);
        }
        for (long s : strides) {
            p.integer(s);
        }
        p.raw('t');
        p.raw(0x89);
        p.global("collections", "OrderedDict");
        p.raw(')', 'R');
        p.raw('t', 'R');
        return p.drain();
    }

    static String storageClass(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> "FloatStorage";
            case FLOAT64 -> "DoubleStorage";
            case FLOAT16 -> "HalfStorage";
            case BFLOAT16 -> "BFloat16Storage";
            case INT64 -> "LongStorage";
            case INT32 -> "IntStorage";
            case INT16 -> "ShortStorage";
            case INT8 -> "CharStorage";
            case UINT8 -> "ByteStorage";
            case BOOL -> "BoolStorage";
            case COMPLEX64 -> "ComplexFloatStorage";
            case COMPLEX128 -> "ComplexDoubleStorage";
            default -> throw new IllegalArgumentException("PyTorch checkpoints have no " + dtype + " storage");
        };
    }
}
