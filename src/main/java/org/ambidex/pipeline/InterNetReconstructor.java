package org.ambidex.pipeline;

import java.awt.image.BufferedImage;
import java.util.List;
import org.ambidex.data.Bbox;
import org.ambidex.data.crop.FloatImage;
import org.ambidex.data.crop.InterNetCrop;
import org.ambidex.data.crop.InterNetTargets;
import org.ambidex.data.crop.OpenCvAffine;
import org.ambidex.geom.Affine2;
import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.Vec3;
import org.ambidex.hand.HandSide;
import org.ambidex.hand.JointOrder;
import org.ambidex.nets.InterNetConfig;
import org.ambidex.nets.InterNetModel;
import org.ambidex.nets.InterNetPrediction;

/**
 * InterNet's test-time pipeline (SEED_SPEC A.9, B.4, B.7): the box made square and 1.25 times larger, the 256 x 256
 * crop (OpenCV-exact bilinear warp, zero border), RGB divided by 255, the network, hard-argmax decoding, and the
 * joints mapped back to the original image with the inverse crop transform.
 */
public final class InterNetReconstructor implements Reconstructor {

    private final InterNetModel model;
    private final String name;

    public InterNetReconstructor(InterNetModel model, String name) {
        this.model = model;
        this.name = name;
    }

    /** Loads the checkpoint {@code spec} names. */
    public static InterNetReconstructor open(ModelSpec spec) {
        return new InterNetReconstructor(InterNetModel.fromCheckpoint(spec.path()), spec.toString());
    }

    @Override
    public String model() {
        return name;
    }

    /** The network's input for {@code image} and {@code box}: {@code 3 x 256 x 256} planar RGB / 255. */
    public static float[] input(FloatImage image, Bbox cropBox) {
        int size = InterNetCrop.INPUT_SIZE;
        Affine2 trans = InterNetCrop.patchTransform(cropBox.centreX(), cropBox.centreY(), cropBox.width(),
            cropBox.height(), size, size, 1.0, 0.0, false);
        float[] chw = OpenCvAffine.warpAffine(image, trans, size, size).toChw(1f);
        for (int i = 0; i < chw.length; i++) {
            chw[i] /= 255f; // as the reference: float32 pixels divided by 255
        }
        return chw;
    }

    @Override
    public Reconstruction reconstruct(BufferedImage image, ReconstructionRequest request) {
        FloatImage rgb = FloatImage.ofRgb(image);
        if (request.bbox() == null) {
            throw new IllegalArgumentException("InterNet needs the hands' box: give --bbox or --boxes");
        }
        Bbox crop = InterNetCrop.processBbox(request.bbox());
        InterNetPrediction p = model.predict(input(rgb, crop), 1).get(0);
        return decode(p, model.config(), crop, request, name, image.getWidth(), image.getHeight());
    }

    /** Turns the network's output into both hands in image pixels and metres (SEED_SPEC B.4). */
    static Reconstruction decode(InterNetPrediction p, InterNetConfig config, Bbox crop, ReconstructionRequest request,
                                 String model, int width, int height) {
        int size = InterNetCrop.INPUT_SIZE;
        Affine2 inv = InterNetCrop.patchTransform(crop.centreX(), crop.centreY(), crop.width(), crop.height(), size,
            size, 1.0, 0.0, true);
        int hm = config.heatmapSize();
        int j = config.jointsPerHand();
        double[] joints = p.joints();
        float[] scores = p.scores();
        double relRoot = InterNetTargets.binsToDepth(p.relRootDepth() * 64.0 / config.rootBins(),
            InterNetTargets.BBOX_3D_SIZE_ROOT);
        double[] presence = p.handType();
        boolean right = presence[0] > HandReconstruction.PRESENT;
        boolean left = presence[1] > HandReconstruction.PRESENT;
        Double rightRoot = null;
        Double leftRoot = null;
        if (request.rootDepth() != null) {
            rightRoot = right || !left ? request.rootDepth() : request.rootDepth() - relRoot;
            leftRoot = rightRoot + relRoot;
        }
        if (j != 21) {
            throw new IllegalStateException("InterNet with " + j + " joints per hand has no hand skeleton order");
        }
        HandReconstruction[] hands = new HandReconstruction[2];
        for (HandSide side : HandSide.values()) {
            int[] gather = JointOrder.gatherFromInterHand42(side);
            double[] uv = new double[2 * 21];
            double[] rel = new double[21];
            double[] conf = new double[21];
            Double root = side == HandSide.RIGHT ? rightRoot : leftRoot;
            double[] cam = request.intrinsics() != null && root != null ? new double[3 * 21] : null;
            for (int k = 0; k < 21; k++) {
                int src = gather[k];
                double[] px = inv.apply(joints[3 * src] / hm * size, joints[3 * src + 1] / hm * size);
                uv[2 * k] = px[0];
                uv[2 * k + 1] = px[1];
                rel[k] = InterNetTargets.binsToDepth(joints[3 * src + 2] * 64.0 / config.depthBins(),
                    InterNetTargets.BBOX_3D_SIZE);
                conf[k] = scores[src];
                if (cam != null) {
                    Intrinsics in = request.intrinsics();
                    Vec3 c = in.unproject(px[0], px[1], root + rel[k]);
                    cam[3 * k] = c.x();
                    cam[3 * k + 1] = c.y();
                    cam[3 * k + 2] = c.z();
                }
            }
            hands[side.index()] = new HandReconstruction(side, presence[side.index()], uv, rel, cam, conf);
        }
        return new Reconstruction(model, width, height, request.bbox(), crop, List.of(hands), relRoot,
            request.intrinsics(), request.rootDepth());
    }

    @Override
    public void close() {
        model.close();
    }
}
