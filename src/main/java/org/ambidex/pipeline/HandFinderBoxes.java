package org.ambidex.pipeline;

import java.awt.image.BufferedImage;
import java.util.List;
import org.ambidex.detect.DetectedHand;
import org.ambidex.detect.FinderOptions;
import org.ambidex.detect.HandFinder;
import org.ambidex.nets.mediapipe.MediaPipeModel;
import org.ambidex.nets.tflite.TfliteNetwork;

/**
 * The real-photo hand finder of the default architecture ({@code mediapipe}), used by crop-based networks when
 * no box is given: it finds the hands in the whole photo and returns their landmarks, about which the network's
 * crop is taken. Opened on first use; close it to free the networks.
 */
final class HandFinderBoxes implements AutoCloseable {

    private TfliteNetwork palms;
    private TfliteNetwork landmarks;
    private HandFinder finder;

    /**
     * The image pixels {@code [u0, v0, u1, v1, ...]} of every landmark of every hand found in {@code image}.
     *
     * @throws IllegalArgumentException when no hand is found (the caller reports it; nothing is cropped at random)
     */
    double[] landmarks(BufferedImage image) {
        List<DetectedHand> found = finder().find(image);
        if (found.isEmpty()) {
            throw new IllegalArgumentException("the hand finder (" + MediaPipeArchitecture.FULL + ") found no hand in"
                + " the image; give the hands' box");
        }
        double[] uv = new double[found.size() * DetectedHand.JOINTS * 2];
        int k = 0;
        for (DetectedHand d : found) {
            for (double v : d.imageXy()) {
                uv[k++] = v;
            }
        }
        return uv;
    }

    private HandFinder finder() {
        if (finder == null) {
            palms = MediaPipeModel.PALM_FULL.open();
            landmarks = MediaPipeModel.LANDMARK_FULL.open();
            finder = new HandFinder(palms::run, landmarks::run, FinderOptions.DEFAULT);
        }
        return finder;
    }

    @Override
    public void close() {
        if (palms != null) {
            palms.close();
        }
        if (landmarks != null) {
            landmarks.close();
        }
    }
}
