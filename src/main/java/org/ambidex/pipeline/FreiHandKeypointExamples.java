package org.ambidex.pipeline;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;
import org.ambidex.core.BadInputException;
import org.ambidex.data.crop.FloatImage;
import org.ambidex.data.freihand.FreiHandDataset;
import org.ambidex.data.freihand.KeypointFile;
import org.ambidex.io.image.Images;
import org.ambidex.nets.s2hand.S2HandNet;
import org.ambidex.train.s2hand.S2HandExample;

/**
 * Chosen images of a FreiHAND split as S2HAND's training examples: each whole 224 x 224 image with its
 * {@code <split>_K.json} camera and its keypoint-file entry. An image is read when its example is asked for, so a
 * split of tens of thousands of images never sits in memory. Immutable.
 */
final class FreiHandKeypointExamples extends AbstractList<S2HandExample> implements RandomAccess {

    private final FreiHandDataset set;
    private final KeypointFile keypoints;
    private final int[] images;

    /** The examples of images {@code images} (split indices, each below the keypoint file's size). */
    FreiHandKeypointExamples(FreiHandDataset set, KeypointFile keypoints, int[] images) {
        for (int i : images) {
            if (i < 0 || i >= keypoints.size() || i >= set.size()) {
                throw new IllegalArgumentException("image " + i + " is outside the split or the keypoint file");
            }
        }
        this.set = set;
        this.keypoints = keypoints;
        this.images = images.clone();
    }

    /** The examples from {@code from} (inclusive) to {@code to} (exclusive) as a list of their own. */
    FreiHandKeypointExamples range(int from, int to) {
        return new FreiHandKeypointExamples(set, keypoints, Arrays.copyOfRange(images, from, to));
    }

    @Override
    public S2HandExample get(int index) {
        int image = images[index];
        Path file = set.image(image);
        BufferedImage picture = Images.read(file);
        int side = S2HandNet.INPUT_SIZE;
        if (picture.getWidth() != side || picture.getHeight() != side) {
            throw new BadInputException(file, "is " + picture.getWidth() + " x " + picture.getHeight() + " pixels;"
                + " S2HAND trains on FreiHAND's whole " + side + " x " + side + " images");
        }
        return new S2HandExample(FloatImage.ofRgb(picture).toChw(1f / 255), set.intrinsics(image),
            keypoints.keypoints().get(image), keypoints.confidences().get(image));
    }

    @Override
    public int size() {
        return images.length;
    }
}
