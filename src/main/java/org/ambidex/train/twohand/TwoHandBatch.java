package org.ambidex.train.twohand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * A batch of {@link TwoHandExample}s as DJL arrays (B examples; every array float32, index 0 right hand).
 *
 * @param images (B,3,S,S)
 * @param present (B,2)
 * @param joints (B,2,21,3) root-relative, metres
 * @param jointValid (B,2,21)
 * @param uv (B,2,21,2) normalised crop coordinates
 * @param offset (B,3) metres
 * @param offsetValid (B)
 * @param rootPose (B,2,3) axis-angle
 * @param fingerPose (B,2,45) axis-angle relative to the hand mean
 * @param betas (B,2,10)
 * @param manoValid (B,2)
 */
public record TwoHandBatch(NDArray images, NDArray present, NDArray joints, NDArray jointValid, NDArray uv,
                           NDArray offset, NDArray offsetValid, NDArray rootPose, NDArray fingerPose, NDArray betas,
                           NDArray manoValid) {

    /** Stacks {@code examples} into arrays of {@code manager}; {@code size} is the input side S. */
    public static TwoHandBatch of(List<TwoHandExample> examples, int size, NDManager manager) {
        int b = examples.size();
        return new TwoHandBatch(
            stack(manager, examples, TwoHandExample::image, b, 3, size, size),
            stack(manager, examples, TwoHandExample::present, b, 2),
            stack(manager, examples, TwoHandExample::joints, b, 2, 21, 3),
            stack(manager, examples, TwoHandExample::jointValid, b, 2, 21),
            stack(manager, examples, TwoHandExample::uv, b, 2, 21, 2),
            stack(manager, examples, TwoHandExample::offset, b, 3),
            stack(manager, examples, e -> new float[] {e.offsetValid()}, b),
            stack(manager, examples, TwoHandExample::rootPose, b, 2, 3),
            stack(manager, examples, TwoHandExample::fingerPose, b, 2, 45),
            stack(manager, examples, TwoHandExample::betas, b, 2, 10),
            stack(manager, examples, TwoHandExample::manoValid, b, 2));
    }

    private static NDArray stack(NDManager manager, List<TwoHandExample> examples,
                                 java.util.function.Function<TwoHandExample, float[]> field, long... shape) {
        int per = examples.isEmpty() ? 0 : field.apply(examples.get(0)).length;
        float[] all = new float[per * examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            float[] f = field.apply(examples.get(i));
            if (f.length != per) {
                throw new IllegalArgumentException("examples of different sizes in one batch");
            }
            System.arraycopy(f, 0, all, i * per, per);
        }
        return owned(manager.create(all, new Shape(shape)));
    }

    /**
     * A copy of {@code fromJava} in storage PyTorch owns. DJL's PyTorch engine wraps Java data without copying and
     * keeps the buffer alive only through the Java array object, while autograd may keep the tensor longer (see
     * {@code org.ambidex.tensor}); the copy makes the batch independent of that object's lifetime. (The NaN that
     * first prompted this copy came from DJL's arithmetic with numbers, fixed by {@code Scalars}.)
     */
    static NDArray owned(NDArray fromJava) {
        NDArray copy = fromJava.duplicate();
        java.lang.ref.Reference.reachabilityFence(fromJava);
        fromJava.close();
        return copy;
    }

    /** Batch size B. */
    public long size() {
        return images.getShape().get(0);
    }
}
