package org.ambidex.hand;

/** How the finger pose of {@link HandParams} is expressed. */
public enum HandPoseKind {
    /** 45 axis-angle values: joints 1..15 of the MANO tree, 3 each. */
    AXIS_ANGLE,
    /** n &le; 45 PCA coefficients over the first n rows of {@code hands_components}. */
    PCA
}
