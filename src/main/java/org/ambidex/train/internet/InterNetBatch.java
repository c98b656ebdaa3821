package org.ambidex.train.internet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.SplittableRandom;
import org.ambidex.data.Sample;
import org.ambidex.data.crop.FloatImage;
import org.ambidex.data.crop.InterNetAugmentation;
import org.ambidex.data.crop.InterNetCrop;
import org.ambidex.data.crop.InterNetInput;
import org.ambidex.data.crop.InterNetPreprocessing;
import org.ambidex.data.crop.InterNetTargets;

/**
 * One training batch as InterNet's loader yields it (SEED_SPEC A.9), as arrays in a manager:
 * {@code image (B,3,256,256)} RGB / 255, {@code jointCoord (B,42,3)} in heatmap cells, {@code jointValid (B,42)},
 * {@code relRootDepth (B,1)} in bins, {@code rootValid (B,1)}, {@code handType (B,2)} (right, left),
 * {@code handTypeValid (B)}, all float32.
 */
public record InterNetBatch(NDArray image, NDArray jointCoord, NDArray jointValid, NDArray relRootDepth,
                            NDArray rootValid, NDArray handType, NDArray handTypeValid) {

    /** One prepared training example (host memory). */
    public record Example(float[] chw, InterNetTargets targets, double[] handType, boolean handTypeValid) {
    }

    /**
     * Prepares {@code sample} for training: the annotation box through {@code process_bbox}, the augmentation drawn
     * from {@code SplittableRandom(seed)} (or none when {@code augment} is false), the crop and the output-space
     * targets.
     *
     * @param image the sample's RGB image (0..255)
     */
    public static Example example(Sample sample, FloatImage image, long seed, boolean augment) {
        InterNetAugmentation aug = augment ? InterNetAugmentation.sample(new SplittableRandom(seed))
            : InterNetAugmentation.none();
        InterNetInput input = InterNetPreprocessing.prepare(sample, image, InterNetCrop.processBbox(sample.bbox()),
            aug);
        // float32 pixels divided by 255, as the reference's ToTensor on a float array
        float[] chw = input.patch().toChwDividedBy(255);
        return new Example(chw, InterNetTargets.of(input), input.handType(), sample.handTypeValid());
    }

    /** Stacks {@code examples} into arrays of {@code manager}. */
    public static InterNetBatch of(List<Example> examples, NDManager manager) {
        int b = examples.size();
        int side = InterNetCrop.INPUT_SIZE;
        int plane = 3 * side * side;
        float[] image = new float[b * plane];
        float[] coord = new float[b * 42 * 3];
        float[] valid = new float[b * 42];
        float[] root = new float[b];
        float[] rootValid = new float[b];
        float[] hand = new float[b * 2];
        float[] handValid = new float[b];
        for (int i = 0; i < b; i++) {
            Example e = examples.get(i);
            System.arraycopy(e.chw(), 0, image, i * plane, plane);
            double[] c = e.targets().jointCoord();
            boolean[] v = e.targets().jointValid();
            for (int k = 0; k < 42 * 3; k++) {
                coord[i * 126 + k] = (float) c[k];
            }
            for (int k = 0; k < 42; k++) {
                valid[i * 42 + k] = v[k] ? 1 : 0;
            }
            root[i] = (float) e.targets().relRootDepth();
            rootValid[i] = e.targets().rootValid() ? 1 : 0;
            hand[2 * i] = (float) e.handType()[0];
            hand[2 * i + 1] = (float) e.handType()[1];
            handValid[i] = e.handTypeValid() ? 1 : 0;
        }
        return new InterNetBatch(manager.create(image, new Shape(b, 3, side, side)),
            manager.create(coord, new Shape(b, 42, 3)), manager.create(valid, new Shape(b, 42)),
            manager.create(root, new Shape(b, 1)), manager.create(rootValid, new Shape(b, 1)),
            manager.create(hand, new Shape(b, 2)), manager.create(handValid, new Shape(b)));
    }
}
