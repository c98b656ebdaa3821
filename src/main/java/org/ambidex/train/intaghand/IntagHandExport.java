package org.ambidex.train.intaghand;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.ambidex.io.NdArray;
import org.ambidex.io.torch.StateDict;
import org.ambidex.io.torch.TorchCheckpointWriter;
import org.ambidex.nets.WeightImport;
import org.ambidex.nets.intaghand.IntagHandNet;

/**
 * The file {@code core/gcn_trainer.py} saves and {@code models/model.py: load_model} (strict) reads:
 * {@code torch.save(network.state_dict())} of the DDP-wrapped network, a bare state dict with every key under
 * {@code module.}, the layout of the published {@code interhand.pth}. It includes torchvision's ImageNet classifier
 * {@code encoder.resnet.fc.{weight, bias}} ({@code 1000 x 2048}, {@code 1000}), which the network never uses and the
 * reference never updates (no gradient reaches it), so a strict load finds every key it expects.
 */
public final class IntagHandExport {

    /** The DDP prefix. */
    public static final String PREFIX = "module.";
    /** The unused classifier's keys, without the prefix. */
    public static final String FC_WEIGHT = "encoder.resnet.fc.weight";
    public static final String FC_BIAS = "encoder.resnet.fc.bias";
    private static final int CLASSES = 1000;
    private static final int FEATURES = 2048;

    private IntagHandExport() {
    }

    /**
     * The classifier a run carries into its export: the one of the checkpoint it started from (with or without the
     * prefix), else {@code nn.Linear(2048, 1000)}'s default draw (uniform in {@code +-1/sqrt(2048)}) from
     * {@code seed}; the reference's is ImageNet's, which is not available here.
     */
    public static Map<String, NdArray> classifier(StateDict start, long seed) {
        if (start != null) {
            StateDict plain = start.stripPrefix(PREFIX);
            Map<String, NdArray> t = plain.tensors();
            if (t.containsKey(FC_WEIGHT) && t.containsKey(FC_BIAS)) {
                return Map.of(FC_WEIGHT, t.get(FC_WEIGHT), FC_BIAS, t.get(FC_BIAS));
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        double bound = 1 / Math.sqrt(FEATURES);
        float[] w = new float[CLASSES * FEATURES];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((2 * random.nextDouble() - 1) * bound);
        }
        float[] b = new float[CLASSES];
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) ((2 * random.nextDouble() - 1) * bound);
        }
        Map<String, NdArray> fc = new LinkedHashMap<>();
        fc.put(FC_WEIGHT, NdArray.ofFloats(new int[] {CLASSES, FEATURES}, w));
        fc.put(FC_BIAS, NdArray.ofFloats(new int[] {CLASSES}, b));
        return fc;
    }

    /** Writes {@code net}'s weights and {@code classifier} to {@code file} (atomically), every key under the prefix. */
    public static void write(Path file, IntagHandNet net, Map<String, NdArray> classifier) {
        Map<String, NdArray> tensors = new LinkedHashMap<>();
        WeightImport.export(net).forEach((k, v) -> tensors.put(PREFIX + k, v));
        classifier.forEach((k, v) -> tensors.put(PREFIX + k, v));
        TorchCheckpointWriter.write(file, tensors, Map.of());
    }
}
