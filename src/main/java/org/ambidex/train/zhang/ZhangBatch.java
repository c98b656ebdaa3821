package org.ambidex.train.zhang;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.ambidex.nets.zhang.ZhangLoss;
import org.ambidex.nets.zhang.ZhangModel;

/**
 * A training batch in a manager: {@code image (B, 3, 256, 256)} RGB / 255 and the loss's targets (see
 * {@link ZhangLoss.Targets}), all float32.
 */
public record ZhangBatch(NDArray image, ZhangLoss.Targets targets) {

    /** Stacks {@code examples} into arrays of {@code manager}. */
    public static ZhangBatch of(List<ZhangExample> examples, NDManager manager) {
        int b = examples.size();
        int side = ZhangModel.INPUT_SIZE;
        NDArray image = manager.create(concat(examples, ZhangExample::chw, 3 * side * side), new Shape(b, 3, side, side));
        NDArray joints = manager.create(concat(examples, ZhangExample::joints, 42 * 3), new Shape(b, 42, 3));
        NDArray valid = manager.create(concat(examples, ZhangExample::jointValid, 42), new Shape(b, 42));
        NDArray handType = manager.create(concat(examples, ZhangExample::handType, 2), new Shape(b, 2));
        NDArray betas = manager.create(concat(examples, ZhangExample::betas, 20), new Shape(b, 20));
        NDArray manoValid = manager.create(concat(examples, ZhangExample::manoValid, 2), new Shape(b, 2));
        return new ZhangBatch(image, new ZhangLoss.Targets(joints, handType, betas, valid, manoValid));
    }

    private static float[] concat(List<ZhangExample> examples, java.util.function.Function<ZhangExample, float[]> part,
                                  int each) {
        float[] out = new float[examples.size() * each];
        for (int i = 0; i < examples.size(); i++) {
            float[] p = part.apply(examples.get(i));
            if (p.length != each) {
                throw new IllegalArgumentException("example " + i + " has " + p.length + " values where " + each
                    + " belong");
            }
            System.arraycopy(p, 0, out, i * each, each);
        }
        return out;
    }
}
