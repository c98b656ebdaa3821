package org.ambidex.eval;

import java.util.ArrayList;
import java.util.List;
import org.ambidex.core.BadInputException;
import org.ambidex.data.coco.CocoHandFormat;
import org.ambidex.data.coco.CocoHandInstance;
import org.ambidex.data.coco.CocoHandSet;
import org.ambidex.data.coco.CocoImage;

/**
 * Turns the hands of a COCO-format file into {@link HandKeypointTruth} exactly as mmpose's hand datasets load them
 * for evaluation (test mode, top-down):
 * <ul>
 * <li>coordinates, visibility flags and boxes become float32 arrays ({@code np.array(..., dtype=np.float32)});</li>
 * <li>a keypoint counts when {@code min(1, v) != 0}, i.e. its flag is not 0 ({@code keypoints_visible} cast to
 *     bool);</li>
 * <li>the box becomes corners {@code [x1, y1, x2, y2]} by the {@link Hand2dBox} rule, and its size is
 *     {@code max(x2 - x1, y2 - y1)} in float32 (PCKAccuracy's {@code bbox_size});</li>
 * <li>instances {@code _is_valid_instance} rejects are marked {@link HandKeypointTruth.LeftOut}: crowd, then
 *     {@code num_keypoints == 0} (the file's count when it gives one, else the count of keypoints whose larger
 *     coordinate is non-zero), then a box without area, then no coordinate above 0. COCO-WholeBody's own loader
 *     condition ({@code *_valid} and a positive value among the hand's 63 numbers) is implied by these and the
 *     reader's {@code *_valid} check.</li>
 * </ul>
 */
public final class CocoHandGroundTruth {

    private CocoHandGroundTruth() {
    }

    /**
     * The instances of {@code set}, in its order, with {@code box} deciding the normalising box.
     *
     * @throws BadInputException when the rule needs an image's size ({@link Hand2dBox#IMAGE}, or clipping plain
     *     boxes) and the file does not give it
     */
    public static List<HandKeypointTruth> of(CocoHandSet set, Hand2dBox box) {
        List<HandKeypointTruth> out = new ArrayList<>(set.instances().size());
        for (CocoHandInstance h : set.instances()) {
            out.add(truth(set, h, box));
        }
        return out;
    }

    private static HandKeypointTruth truth(CocoHandSet set, CocoHandInstance h, Hand2dBox rule) {
        double[] uv = h.keypoints();
        double[] flags = h.visibility();
        float[] keypoints = new float[uv.length];
        float highest = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < uv.length; i++) {
            keypoints[i] = (float) uv[i];
            highest = Math.max(highest, keypoints[i]);
        }
        boolean[] visible = new boolean[flags.length];
        for (int k = 0; k < flags.length; k++) {
            visible[k] = (float) flags[k] != 0f;
        }
        float[] corners = corners(set, h, rule);
        float width = corners[2] - corners[0];
        float height = corners[3] - corners[1];
        HandKeypointTruth.LeftOut leftOut = null;
        if (h.crowd()) {
            leftOut = HandKeypointTruth.LeftOut.CROWD;
        } else if (labelled(h, keypoints) == 0) {
            leftOut = HandKeypointTruth.LeftOut.NO_KEYPOINTS;
        } else if (width <= 0 || height <= 0) {
            leftOut = HandKeypointTruth.LeftOut.EMPTY_BOX;
        } else if (highest <= 0) {
            leftOut = HandKeypointTruth.LeftOut.NO_KEYPOINTS;
        }
        return new HandKeypointTruth(h.id(), h.side(), keypoints, visible, Math.max(width, height), leftOut);
    }

    /** {@code num_keypoints}: the file's, else {@code np.count_nonzero(keypoints.max(axis=2))}. */
    private static int labelled(CocoHandInstance h, float[] keypoints) {
        if (h.numKeypoints() >= 0) {
            return h.numKeypoints();
        }
        int n = 0;
        for (int k = 0; k < keypoints.length / 2; k++) {
            if (Math.max(keypoints[2 * k], keypoints[2 * k + 1]) != 0f) {
                n++;
            }
        }
        return n;
    }

    /** The box corners {@code [x1, y1, x2, y2]} as mmpose's dataset class computes them, float32. */
    private static float[] corners(CocoHandSet set, CocoHandInstance h, Hand2dBox rule) {
        double[] b = h.box();
        if (rule == Hand2dBox.IMAGE) {
            CocoImage image = sized(set, h, rule);
            return new float[] {0f, 0f, image.width(), image.height()};
        }
        if (h.format() == CocoHandFormat.WHOLEBODY) {
            // bbox_xywh2xyxy on a float32 array: x2 = x + w in float32.
            float x = (float) b[0];
            float y = (float) b[1];
            return new float[] {x, y, x + (float) b[2], y + (float) b[3]};
        }
        // parse_data_info: np.clip on the file's numbers (float64), then a float32 array.
        CocoImage image = sized(set, h, rule);
        double maxX = image.width() - 1;
        double maxY = image.height() - 1;
        return new float[] {(float) clip(b[0], maxX), (float) clip(b[1], maxY), (float) clip(b[0] + b[2], maxX),
            (float) clip(b[1] + b[3], maxY)};
    }

    private static double clip(double v, double max) {
        return Math.min(Math.max(v, 0), max);
    }

    private static CocoImage sized(CocoHandSet set, CocoHandInstance h, Hand2dBox rule) {
        CocoImage image = h.image();
        if (!image.hasSize()) {
            throw new BadInputException(set.file(), "image " + image.id() + " (" + image.fileName() + ") of hand "
                + h.id() + " has no \"width\" and \"height\"; expected them, the " + rule.label() + " box rule "
                + (rule == Hand2dBox.IMAGE ? "normalises by the whole image" : "clips plain boxes to the image"));
        }
        return image;
    }
}
