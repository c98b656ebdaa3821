package org.ambidex.pipeline;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.ambidex.core.BadInputException;
import org.ambidex.data.ho3d.Ho3dCrop;
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
}
