package org.ambidex.train.zhang;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ambidex.core.BadInputException;
import org.ambidex.io.NdArray;
import org.ambidex.io.torch.StateDict;
import org.ambidex.nets.InterNetModel;
import org.ambidex.nets.StateEntry;
import org.ambidex.nets.WeightImport;
import org.ambidex.nets.zhang.ZhangModel;

/**
 * The reference's starting weights ({@code main/model.py: get_model('train')}, SEED_SPEC E.1):
 * <ol>
 *   <li>{@link #initialise}: {@code model.apply(init_weights)} on the mesh branch: convolution and linear weights
 *       {@code N(0, 0.01)}, their biases 0, BatchNorm scale 1, shift 0 (fresh running statistics: mean 0,
 *       variance 1). The draws are Java's ({@code SplittableRandom}), not torch's;</li>
 *   <li>{@link #loadInterNet}: the whole InterNet from an InterNet snapshot ({@code snapshot_19.pth.tar}'s
 *       {@code network} without {@code module.}), loaded strictly into {@code heatmap_predictor};</li>
 *   <li>{@link #loadImageNet}: {@code base_net.init_weights("resnet50")}: every tensor of the mesh ResNet from
 *       torchvision's ImageNet ResNet-50 where the names and shapes agree; where only the input channels grew
 *       (layer3's first block takes the 672 heat-map channels too) a fresh {@code N(0, 0.01)} tensor whose first
 *       input channels are the pretrained kernels. The block BatchNorms of torchvision's file have no place in this
 *       BN-less ResNet and are passed over, as the reference passes over them.</li>
 * </ol>
 * The MANO layers are {@link ZhangManoData}'s.
 */
public final class ZhangInitialisation {

    private static final String MESH = "mesh_reg.";
    private static final String MANO = "mesh_reg.mano_layer.";
    private static final String BASE = "mesh_reg.base_net.";
    private static final double STD = 0.01;

    private ZhangInitialisation() {
    }

    /** {@code init_weights} on every mesh-branch tensor except the MANO layers', drawn from {@code seed}. */
    public static void initialise(ZhangModel model, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        model.network().stateEntries().forEach((name, e) -> {
            if (!name.startsWith(MESH) || name.startsWith(MANO) || !(e instanceof StateEntry.ParameterEntry)) {
                return;
            }
            int[] shape = e.shape();
            float[] v = new float[Math.toIntExact(count(shape))];
            if (name.endsWith(".weight") && shape.length >= 2) {
                fillNormal(v, random);
            } else if (name.endsWith(".weight") || name.endsWith("running_var")) {
                Arrays.fill(v, 1f); // BatchNorm's scale and variance
            }
            e.write(NdArray.ofFloats(shape, v));
        });
    }

    /**
     * Loads an InterNet snapshot into {@code heatmap_predictor}, strictly.
     *
     * @throws BadInputException naming the file when it is not a snapshot of the published InterNet configuration
     */
    public static void loadInterNet(ZhangModel model, StateDict snapshot) {
        WeightImport.load(model.network().interNet(), InterNetModel.networkWeights(snapshot),
            "InterNet (ResNet-50, the snapshot_19.pth.tar the reference starts from)", name -> false);
    }

    /**
     * Copies torchvision's ImageNet ResNet-50 into the mesh ResNet as the reference's {@code init_weights} does,
     * drawing the grown input channels from {@code seed}.
     *
     * @throws BadInputException naming the file when a tensor the mesh ResNet needs is absent or shaped otherwise
     */
    public static void loadImageNet(ZhangModel model, StateDict resnet, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, NdArray> tensors = resnet.tensors();
        Map<String, StateEntry> entries = model.network().stateEntries();
        List<String> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        entries.forEach((name, e) -> {
            if (!name.startsWith(BASE) || WeightImport.isCounter(name)) {
                return;
            }
            String key = name.substring(BASE.length());
            NdArray t = tensors.get(key);
            if (t == null) {
                missing.add(key);
            } else if (!Arrays.equals(t.shape(), e.shape()) && !widened(t.shape(), e.shape())) {
                wrong.add(key + ": " + Arrays.toString(t.shape()) + " expected " + Arrays.toString(e.shape()));
            }
        });
        if (!missing.isEmpty() || !wrong.isEmpty()) {
            throw new BadInputException(resnet.source(), "is not torchvision's ResNet-50 (the mesh branch's "
                + "backbone): " + (missing.isEmpty() ? "" : missing.size() + " missing " + missing + " ")
                + (wrong.isEmpty() ? "" : wrong.size() + " wrongly shaped " + wrong));
        }
        entries.forEach((name, e) -> {
            if (!name.startsWith(BASE) || WeightImport.isCounter(name)) {
                return;
            }
            NdArray t = tensors.get(name.substring(BASE.length()));
            if (Arrays.equals(t.shape(), e.shape())) {
                e.write(NdArray.ofFloats(e.shape(), t.toFloatArray()));
                return;
            }
            int[] shape = e.shape();
            float[] v = new float[Math.toIntExact(count(shape))];
            fillNormal(v, random);
            float[] pretrained = t.toFloatArray();
            int inner = 1;
            for (int d = 2; d < shape.length; d++) {
                inner *= shape[d];
            }
            int have = t.shape()[1];
            for (int o = 0; o < shape[0]; o++) {
                System.arraycopy(pretrained, o * have * inner, v, o * shape[1] * inner, have * inner);
            }
            e.write(NdArray.ofFloats(shape, v));
        });
    }

    /** Whether {@code file} differs from {@code wanted} only in having fewer input channels (axis 1). */
    private static boolean widened(int[] file, int[] wanted) {
        if (file.length != wanted.length || file.length < 2 || file[0] != wanted[0] || file[1] >= wanted[1]) {
            return false;
        }
        for (int d = 2; d < file.length; d++) {
            if (file[d] != wanted[d]) {
                return false;
            }
        }
        return true;
    }

    private static void fillNormal(float[] v, SplittableRandom random) {
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextGaussian() * STD);
        }
    }

    private static long count(int[] shape) {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }
}
