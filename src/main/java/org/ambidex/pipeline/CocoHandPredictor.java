package org.ambidex.pipeline;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ambidex.core.Progress;
import org.ambidex.data.Bbox;
import org.ambidex.data.coco.CocoHandInstance;
import org.ambidex.data.coco.CocoHandSet;
import org.ambidex.eval.Prediction;
import org.ambidex.io.image.Images;

/**
 * Runs a {@link Reconstructor} over the hand instances of a COCO-format 2-D hand set, as mmpose evaluates its
 * top-down hand models: each instance's image with its annotated box, the prediction's id the instance's id
 * ({@code eval --protocol hand2d} scores them). Each image is read once for all its instances.
 */
public final class CocoHandPredictor {

    private CocoHandPredictor() {
    }

    /**
     * The predictions of the instances of {@code set}, in order.
     *
     * @param images the folder the set's {@code file_name}s are relative to
     * @param progress steps once per instance
     */
    public static List<Prediction> predict(Reconstructor reconstructor, CocoHandSet set, Path images,
                                           Progress progress) {
        List<Prediction> predictions = new ArrayList<>(set.instances().size());
        String open = null;
        BufferedImage image = null;
        for (CocoHandInstance instance : set.instances()) {
            String file = instance.image().fileName();
            if (!file.equals(open)) {
                image = Images.read(images.resolve(file));
                open = file;
            }
            double[] b = instance.box();
            if (!(b[2] > 0 && b[3] > 0)) {
                progress.step(); // a box without area: mmpose's protocol leaves the instance out, and so does ours
                continue;
            }
            Reconstruction r = reconstructor.reconstruct(image,
                ReconstructionRequest.wholeImage().withBox(new Bbox(b[0], b[1], b[2], b[3])));
            predictions.add(ReconstructionPrediction.of(instance.id(), r));
            progress.step();
        }
        return predictions;
    }
}
