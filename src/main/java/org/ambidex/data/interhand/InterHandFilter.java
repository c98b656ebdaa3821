package org.ambidex.data.interhand;

import java.util.Objects;
import java.util.Set;

/**
 * Which samples of an InterHand2.6M-format dataset to read.
 *
 * @param split {@code train}, {@code val} or {@code test} (any folder name is accepted)
 * @param handTypes single, interacting or all hands
 * @param captures the capture numbers to keep; empty keeps all
 * @param cameras the camera ids to keep; empty keeps all
 * @param subset the annotation subset folder (see {@link InterHandLayout}), or {@code null} for the v1.0 layout
 * @param validHandTypeOnly keep only annotations whose {@code hand_type_valid} is set (IntagHand's selection)
 */
public record InterHandFilter(String split, HandTypeSelection handTypes, Set<Integer> captures,
                              Set<String> cameras, String subset, boolean validHandTypeOnly) {

    public InterHandFilter {
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(handTypes, "handTypes");
        captures = Set.copyOf(captures);
        cameras = Set.copyOf(cameras);
    }

    /** Every sample of a split. */
    public static InterHandFilter all(String split) {
        return new InterHandFilter(split, HandTypeSelection.ALL, Set.of(), Set.of(), null, false);
    }

    public InterHandFilter withHandTypes(HandTypeSelection selection) {
        return new InterHandFilter(split, selection, captures, cameras, subset, validHandTypeOnly);
    }

    public InterHandFilter withCaptures(Set<Integer> keep) {
        return new InterHandFilter(split, handTypes, keep, cameras, subset, validHandTypeOnly);
    }

    public InterHandFilter withCameras(Set<String> keep) {
        return new InterHandFilter(split, handTypes, captures, keep, subset, validHandTypeOnly);
    }

    public InterHandFilter withSubset(String annotationSubset) {
        return new InterHandFilter(split, handTypes, captures, cameras, annotationSubset, validHandTypeOnly);
    }

    public InterHandFilter withValidHandTypeOnly(boolean only) {
        return new InterHandFilter(split, handTypes, captures, cameras, subset, only);
    }

    boolean acceptsCapture(int capture) {
        return captures.isEmpty() || captures.contains(capture);
    }

    boolean acceptsCamera(String camera) {
        return cameras.isEmpty() || cameras.contains(camera);
    }
}
