package org.ambidex.data.crop;

import java.util.Objects;
import org.ambidex.data.Bbox;
import org.ambidex.data.Sample;
import org.ambidex.geom.Affine2;

/**
 * InterNet's per-sample pipeline (SEED_SPEC A.9, {@code augmentation} and {@code generate_patch_image}): shift
 * the box, crop a rotated and scaled 256 x 256 patch (mirroring the image first when flipping), scale the colour
 * channels, and carry the joints along (mirrored, hands swapped, mapped into the crop, invalid outside it).
 */
public final class InterNetPreprocessing {

    private InterNetPreprocessing() {
    }

    /**
     * The crop box of {@code sample}: RootNet's box as-is when {@code useRootNet} (test time with
     * {@code trans_test='rootnet'}) and an estimate exists, else the annotation box through
     * {@link InterNetCrop#processBbox(Bbox)}.
     */
    public static Bbox cropBox(Sample sample, boolean useRootNet) {
        if (useRootNet) {
            if (sample.rootNet() == null) {
                throw new IllegalArgumentException("sample " + sample.annotationId() + " has no RootNet estimate");
            }
            return sample.rootNet().bbox();
        }
        return InterNetCrop.processBbox(sample.bbox());
    }

    /**
     * Prepares {@code sample}.
     *
     * @param image the sample's RGB image (0..255), or {@code null} for geometry only
     * @param box the crop box (see {@link #cropBox})
     * @param aug the augmentation ({@link InterNetAugmentation#none()} at test time)
     */
    public static InterNetInput prepare(Sample sample, FloatImage image, Bbox box, InterNetAugmentation aug) {
        Objects.requireNonNull(aug, "aug");
        int size = InterNetCrop.INPUT_SIZE;
        int imageWidth = image != null ? image.width() : sample.width();
        double bx = box.x() + box.width() * aug.shiftX();
        double by = box.y() + box.height() * aug.shiftY();
        double cx = bx + 0.5 * box.width();
        double cy = by + 0.5 * box.height();
        if (aug.flip()) {
            cx = imageWidth - cx - 1;
        }
        Affine2 trans = InterNetCrop.patchTransform(cx, cy, box.width(), box.height(), size, size, aug.scale(),
            aug.rotation(), false);
        Affine2 inv = InterNetCrop.patchTransform(cx, cy, box.width(), box.height(), size, size, aug.scale(),
            aug.rotation(), true);
        FloatImage patch = null;
        if (image != null) {
            FloatImage source = aug.flip() ? image.flippedHorizontally() : image;
            patch = OpenCvAffine.warpAffine(source, trans, size, size).scaledChannels(aug.colourScale());
        }

        double[] coord = new double[42 * 3];
        boolean[] valid = new boolean[42];
        double[] handType = sample.handType().presence();
        for (int j = 0; j < 42; j++) {
            int from = aug.flip() ? (j + 21) % 42 : j;
            double u = sample.u(from);
            if (aug.flip()) {
                u = imageWidth - u - 1;
            }
            double[] p = trans.apply(u, sample.v(from));
            coord[3 * j] = p[0];
            coord[3 * j + 1] = p[1];
            coord[3 * j + 2] = sample.jointCam(from).z();
            valid[j] = sample.valid(from) && p[0] >= 0 && p[0] < size && p[1] >= 0 && p[1] < size;
        }
        if (aug.flip()) {
            double t = handType[0];
            handType[0] = handType[1];
            handType[1] = t;
        }
        double relRoot = coord[3 * Sample.LEFT_ROOT + 2] - coord[3 * Sample.RIGHT_ROOT + 2];
        boolean rootValid = handType[0] * handType[1] == 1 && valid[Sample.RIGHT_ROOT] && valid[Sample.LEFT_ROOT];
        return new InterNetInput(patch, coord, valid, handType, relRoot, rootValid, trans, inv, aug.flip(), imageWidth);
    }
}
