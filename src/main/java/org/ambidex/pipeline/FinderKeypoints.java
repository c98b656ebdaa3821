package org.ambidex.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ambidex.core.Progress;
import org.ambidex.detect.DetectedHand;
import org.ambidex.detect.FinderOptions;
import org.ambidex.detect.HandFinder;
import org.ambidex.detect.Handedness;
import org.ambidex.io.image.Images;

/**
 * The 2-D keypoints self-supervised training learns from (S2HAND's {@code open_2dj}), found by ambidex's own hand
 * finder (MediaPipe's networks, {@code detect}) instead of an offline OpenPose run: per image the most present right
 * hand's 21 landmarks (OpenPose/FreiHAND order, image pixels), each with the hand's presence as its confidence
 * (MediaPipe gives no per-joint confidence); an image without a right hand gets zeros with confidence 0, which the
 * loss ignores. Not thread-safe; close it.
 */
public final class FinderKeypoints implements AutoCloseable {

    /**
     * The keypoints of a list of images, in order.
     *
     * @param keypoints per image 21 x 2 packed pixels
     * @param confidences per image 21 values in [0, 1]
     */
    public record Result(List<double[]> keypoints, List<double[]> confidences) {

        /**
         * S2HAND's keypoint file ({@code detect_all.json}): {@code [keypoints, confidences]}, keypoints N x 21 x 2
         * pixels, confidences N x 21 x 1.
         */
        public String s2handJson() {
            ObjectMapper mapper = new ObjectMapper();
            ArrayNode root = mapper.createArrayNode();
            ArrayNode points = root.addArray();
            ArrayNode confs = root.addArray();
            for (int i = 0; i < keypoints.size(); i++) {
                ArrayNode p = points.addArray();
                ArrayNode c = confs.addArray();
                for (int j = 0; j < 21; j++) {
                    p.addArray().add(keypoints.get(i)[2 * j]).add(keypoints.get(i)[2 * j + 1]);
                    c.addArray().add(confidences.get(i)[j]);
                }
            }
            return root.toString() + "\n";
        }
    }

    private final FinderNetworks networks;
    private final HandFinder finder;

    /** A finder of up to {@code maxHands} hands per image (the most present right one is kept). */
    public FinderKeypoints(int maxHands) {
        networks = new FinderNetworks(FinderOptions.DEFAULT.withMaxHands(maxHands));
        finder = networks.finder();
    }

    /** The keypoints of each image file; {@code progress} steps once per image. */
    public Result detect(List<Path> images, Progress progress) {
        List<double[]> points = new ArrayList<>(images.size());
        List<double[]> confidences = new ArrayList<>(images.size());
        for (Path file : images) {
            double[] xy = new double[42];
            double[] c = new double[21];
            BufferedImage image = Images.read(file);
            List<DetectedHand> found = finder.find(image);
            boolean[] right = Handedness.rightHands(found);
            DetectedHand best = null;
            for (int h = 0; h < found.size(); h++) {
                if (right[h] && (best == null || found.get(h).presence() > best.presence())) {
                    best = found.get(h);
                }
            }
            if (best != null) {
                xy = best.imageXy();
                java.util.Arrays.fill(c, best.presence());
            }
            points.add(xy);
            confidences.add(c);
            progress.step();
        }
        return new Result(points, confidences);
    }

    @Override
    public void close() {
        networks.close();
    }
}
