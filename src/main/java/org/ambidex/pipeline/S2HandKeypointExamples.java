package org.ambidex.pipeline;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;
import org.ambidex.data.freihand.KeypointFile;
import org.ambidex.train.s2hand.S2HandExample;

/**
 * Chosen images of a split as S2HAND's training examples: each image's crop and camera ({@link S2HandImages}) with
 * its keypoint-file entry. An image is read when its example is asked for, so a split of tens of thousands of images
 * never sits in memory. Immutable.
 */
final class S2HandKeypointExamples extends AbstractList<S2HandExample> implements RandomAccess {

    private final S2HandImages source;
    private final KeypointFile keypoints;
    private final int[] images;

    /** The examples of images {@code images} (split indices, each below the keypoint file's size). */
    S2HandKeypointExamples(S2HandImages source, KeypointFile keypoints, int[] images) {
        for (int i : images) {
            if (i < 0 || i >= keypoints.size() || i >= source.size()) {
                throw new IllegalArgumentException("image " + i + " is outside the split or the keypoint file");
            }
        }
        this.source = source;
        this.keypoints = keypoints;
        this.images = images.clone();
    }

    /** The examples from {@code from} (inclusive) to {@code to} (exclusive) as a list of their own. */
    S2HandKeypointExamples range(int from, int to) {
        return new S2HandKeypointExamples(source, keypoints, Arrays.copyOfRange(images, from, to));
    }

    @Override
    public S2HandExample get(int index) {
        int image = images[index];
        return source.example(image, keypoints.keypoints().get(image), keypoints.confidences().get(image));
    }

    @Override
    public int size() {
        return images.length;
    }
}
