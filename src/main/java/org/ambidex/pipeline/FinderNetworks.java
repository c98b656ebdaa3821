package org.ambidex.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.ambidex.detect.FinderOptions;
import org.ambidex.detect.HandFinder;
import org.ambidex.nets.mediapipe.MediaPipeModel;
import org.ambidex.nets.tflite.TfliteNetwork;

/**
 * The MediaPipe networks a {@link HandFinder} runs, opened together and closed together: the palm detector and the
 * hand landmark network, and, when the finder searches for small hands ({@link FinderOptions#tileLevels()} above
 * 0), MediaPipe Pose's person detector and pose landmark network, which find the hands of the people in a photo.
 * The one place that decides which networks the hand finder gets.
 */
final class FinderNetworks implements AutoCloseable {

    private final List<TfliteNetwork> open = new ArrayList<>(4);
    private final HandFinder finder;

    /**
     * @param palmModel the palm detector ({@code PALM_FULL} or {@code PALM_LITE})
     * @param landmarkModel the hand landmark network ({@code LANDMARK_FULL} or {@code LANDMARK_LITE}); the pose
     *     landmark network follows its size
     */
    FinderNetworks(MediaPipeModel palmModel, MediaPipeModel landmarkModel, FinderOptions options) {
        try {
            TfliteNetwork palms = opened(palmModel);
            TfliteNetwork landmarks = opened(landmarkModel);
            if (options.tileLevels() > 0) {
                TfliteNetwork people = opened(MediaPipeModel.POSE_DETECTION);
                TfliteNetwork poses = opened(landmarkModel == MediaPipeModel.LANDMARK_LITE
                    ? MediaPipeModel.POSE_LANDMARK_LITE : MediaPipeModel.POSE_LANDMARK_FULL);
                finder = new HandFinder(palms::run, landmarks::run, people::run, poses::run, options);
            } else {
                finder = new HandFinder(palms::run, landmarks::run, options);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The full networks. */
    FinderNetworks(FinderOptions options) {
        this(MediaPipeModel.PALM_FULL, MediaPipeModel.LANDMARK_FULL, options);
    }

    HandFinder finder() {
        return finder;
    }

    private TfliteNetwork opened(MediaPipeModel model) {
        TfliteNetwork n = model.open();
        open.add(n);
        return n;
    }

    @Override
    public void close() {
        for (TfliteNetwork n : open) {
            n.close();
        }
        open.clear();
    }
}
