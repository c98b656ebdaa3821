package org.ambidex.pipeline;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.ambidex.core.BadInputException;
import org.ambidex.data.crop.FloatImage;
import org.ambidex.data.freihand.FreiHandDataset;
import org.ambidex.data.ho3d.Ho3dCrop;
import org.ambidex.data.ho3d.Ho3dDataset;
import org.ambidex.io.image.Images;
import org.ambidex.nets.s2hand.S2HandNet;
import org.ambidex.train.s2hand.S2HandExample;

/**
 * A split S2HAND's keypoint stage learns from: image i as the reference's 224 x 224 input with its camera, and the
 * keypoint file's entry i (pixels of the split's image, as {@code ambidex keypoints} writes it) moved into it.
 * FreiHAND's images are taken whole; HO-3D's frames are cut as the reference cuts them ({@link Ho3dCrop}).
 */
interface S2HandImages {

    /** Images in the split. */
    int size();

    /** The split's name, for logs and the run's identity. */
    String split();

    /** The key under which the run's identity records the split ({@code freihand_split}, {@code ho3d_split}). */
    String identityKey();

    /** Whether the reference turns this dataset's training images ({@code S2HandRotation}): FreiHAND's, not HO-3D's. */
    boolean rotates();

    /** Image {@code image} as an example learning from {@code keypoints} (21 x 2 image pixels) and {@code confidences}. */
    S2HandExample example(int image, double[] keypoints, double[] confidences);

    /** Split {@code split} of the FreiHAND or HO-3D folder {@code root} (an HO-3D folder holds train.txt or evaluation.txt). */
    static S2HandImages open(Path root, String split) {
        return Ho3dDataset.isHo3d(root) ? new Ho3d(Ho3dDataset.open(root, split))
            : new FreiHand(FreiHandDataset.open(root, split));
    }

    /** FreiHAND's whole 224-pixel images with their {@code <split>_K.json} cameras. */
    record FreiHand(FreiHandDataset set) implements S2HandImages {

        @Override
        public int size() {
            return set.size();
        }

        @Override
        public String split() {
            return set.split();
        }

        @Override
        public String identityKey() {
            return "freihand_split";
        }

        @Override
        public boolean rotates() {
            return true;
        }

        @Override
        public S2HandExample example(int image, double[] keypoints, double[] confidences) {
            Path file = set.image(image);
            BufferedImage picture = Images.read(file);
            int side = S2HandNet.INPUT_SIZE;
            if (picture.getWidth() != side || picture.getHeight() != side) {
                throw new BadInputException(file, "is " + picture.getWidth() + " x " + picture.getHeight()
                    + " pixels; S2HAND trains on FreiHAND's whole " + side + " x " + side + " images");
            }
            return new S2HandExample(FloatImage.ofRgb(picture).toChwDividedBy(255), set.intrinsics(image), keypoints,
                confidences);
        }
    }

    /** HO-3D's 640 x 480 frames, each cut about its hand as the reference's HO-3D branch cuts it, noise-free. */
    record Ho3d(Ho3dDataset set) implements S2HandImages {

        @Override
        public int size() {
            return set.size();
        }

        @Override
        public String split() {
            return set.split();
        }

        @Override
        public String identityKey() {
            return "ho3d_split";
        }

        @Override
        public boolean rotates() {
            return false;
        }

        @Override
        public S2HandExample example(int image, double[] keypoints, double[] confidences) {
            Ho3dFrames.Cut cut = Ho3dFrames.cut(set.sample(image));
            return new S2HandExample(FloatImage.ofRgb(cut.image()).toChwDividedBy(255), cut.intrinsics(),
                cut.crop().toCrop(keypoints), confidences);
        }
    }
}
