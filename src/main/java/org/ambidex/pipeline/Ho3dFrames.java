package org.ambidex.pipeline;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.ambidex.core.BadInputException;
import org.ambidex.data.ho3d.Ho3dCrop;
import org.ambidex.data.ho3d.Ho3dSample;
import org.ambidex.geom.Intrinsics;
import org.ambidex.io.image.Images;

/** HO-3D's RGB frames, which S2HAND's crop assumes are 640 x 480 (it clamps the hand's extent to that image). */
final class Ho3dFrames {

    private Ho3dFrames() {
    }

    /** The frame {@code file}; another size is bad input. */
    static BufferedImage read(Path file) {
        BufferedImage image = Images.read(file);
        if (image.getWidth() != Ho3dCrop.FRAME_WIDTH || image.getHeight() != Ho3dCrop.FRAME_HEIGHT) {
            throw new BadInputException(file, "is " + image.getWidth() + " x " + image.getHeight() + " pixels;"
                + " expected an HO-3D frame of " + Ho3dCrop.FRAME_WIDTH + " x " + Ho3dCrop.FRAME_HEIGHT + ", the size S2HAND's crop assumes");
        }
        return image;
    }

    /**
     * A frame cut about its hand as S2HAND's reference cuts it for evaluation and, noise-free, for training.
     *
     * @param crop where and how much the frame was cut
     * @param image the 224 x 224 crop
     * @param intrinsics the crop's camera
     */
    record Cut(Ho3dCrop crop, BufferedImage image, Intrinsics intrinsics) {
    }

    /** Frame {@code sample} read and cut about its hand ({@link Ho3dCrop#centred} of its reference points). */
    static Cut cut(Ho3dSample sample) {
        Ho3dCrop crop = Ho3dCrop.centred(Ho3dCrop.referencePoints(sample));
        return new Cut(crop, crop.image(read(sample.image())), crop.intrinsics(sample.intrinsics()));
    }
}
