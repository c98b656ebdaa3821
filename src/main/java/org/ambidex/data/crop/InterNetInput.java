package org.ambidex.data.crop;

import org.ambidex.geom.Affine2;

/**
 * A sample prepared as InterNet's loader prepares it (SEED_SPEC A.9), before the output-space transform. Hand
 * order is after flipping: when {@link #flipped()}, block 0-20 holds the original left hand, mirrored.
 *
 * @param patch the 256 x 256 RGB crop, values 0..255, or {@code null} when only the geometry was asked for
 * @param jointCoord 42 x 3: crop pixel {@code (u, v)} and camera depth Z in metres
 * @param jointValid 42 flags, also cleared for joints outside the crop
 * @param handType presence of {@code [right, left]} (1 or 0)
 * @param relRootDepth left wrist depth minus right wrist depth, metres
 * @param rootValid both wrists valid and both hands present
 * @param trans original (flipped when {@link #flipped()}) image pixels to crop pixels
 * @param invTrans crop pixels back to original (flipped) image pixels
 * @param flipped whether the image was mirrored
 * @param imageWidth the original image width, pixels (for undoing the flip)
 */
public record InterNetInput(FloatImage patch, double[] jointCoord, boolean[] jointValid, double[] handType,
                            double relRootDepth, boolean rootValid, Affine2 trans, Affine2 invTrans, boolean flipped,
                            int imageWidth) {

    public InterNetInput {
        jointCoord = jointCoord.clone();
        jointValid = jointValid.clone();
        handType = handType.clone();
    }

    @Override
    public double[] jointCoord() {
        return jointCoord.clone();
    }

    @Override
    public boolean[] jointValid() {
        return jointValid.clone();
    }

    @Override
    public double[] handType() {
        return handType.clone();
    }

    /** A crop pixel mapped back to the original image: {@code invTrans}, then the flip undone. */
    public double[] cropToImage(double u, double v) {
        double[] p = invTrans.apply(u, v);
        if (flipped) {
            p[0] = imageWidth - p[0] - 1;
        }
        return p;
    }
}
