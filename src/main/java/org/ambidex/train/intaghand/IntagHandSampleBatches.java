package org.ambidex.train.intaghand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.SplittableRandom;
import org.ambidex.data.Sample;
import org.ambidex.data.crop.FloatImage;
import org.ambidex.io.image.Images;

/**
 * The batches of a training set: each sample's image read from its file and made into an
 * {@link IntagHandExample} with the augmentation drawn from {@code SplittableRandom(seed)} of that sample's seed
 * (or none), so that the same indices and seeds always give the same batch and a resumed run continues exactly.
 */
public final class IntagHandSampleBatches implements IntagHandBatches {

    private final List<Sample> samples;
    private final IntagHandExamples examples;
    private final boolean augment;

    /**
     * @param samples the training samples, each {@link IntagHandExamples#usable}
     * @param augment whether to augment as the reference does
     */
    public IntagHandSampleBatches(List<Sample> samples, IntagHandExamples examples, boolean augment) {
        this.samples = List.copyOf(samples);
        this.examples = examples;
        this.augment = augment;
    }

    /** The example of training sample {@code index} with the augmentation of {@code seed}. */
    public IntagHandExample example(int index, long seed) {
        Sample s = samples.get(index);
        IntagHandAugmentation aug = augment ? IntagHandAugmentation.sample(new SplittableRandom(seed))
            : IntagHandAugmentation.none();
        return examples.make(s, FloatImage.ofRgb(Images.read(s.image())), aug);
    }

    @Override
    public IntagHandBatch make(int[] indices, long[] seeds, NDManager manager) {
        int b = indices.length;
        IntagHandExample[] ex = new IntagHandExample[b];
        for (int i = 0; i < b; i++) {
            ex[i] = example(indices[i], seeds[i]);
        }
        int s = IntagHandExamples.SIZE;
        int a = IntagHandExamples.AUX_SIZE;
        NDArray image = stack(manager, ex, IntagHandExample::image, new Shape(b, 3, s, s));
        IntagHandTargets t = new IntagHandTargets(
            stack(manager, ex, IntagHandExample::verts3dLeft, new Shape(b, 778, 3)),
            stack(manager, ex, IntagHandExample::verts3dRight, new Shape(b, 778, 3)),
            stack(manager, ex, IntagHandExample::verts2dLeft, new Shape(b, 778, 2)),
            stack(manager, ex, IntagHandExample::verts2dRight, new Shape(b, 778, 2)),
            stack(manager, ex, IntagHandExample::rootRel, new Shape(b, 3)),
            stack(manager, ex, IntagHandExample::mask, new Shape(b, 2, a, a)),
            stack(manager, ex, IntagHandExample::dense, new Shape(b, 3, a, a)),
            stack(manager, ex, IntagHandExample::heatmaps, new Shape(b, 42, a, a)));
        return new IntagHandBatch(image, t);
    }

    private static NDArray stack(NDManager m, IntagHandExample[] ex,
                                 java.util.function.Function<IntagHandExample, float[]> part, Shape shape) {
        int n = Math.toIntExact(shape.size() / ex.length);
        float[] all = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < ex.length; i++) {
            System.arraycopy(part.apply(ex[i]), 0, all, i * n, n);
        }
        return m.create(all, shape);
    }
}
