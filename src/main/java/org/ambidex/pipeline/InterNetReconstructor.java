package org.ambidex.pipeline;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.ambidex.data.Bbox;
import org.ambidex.data.Sample;
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
 * InterNet's test-time pipeline (SEED_SPEC A.9, B.4, B.7, C.1): the box made square and 1.25 times larger, the
 * 256 x 256 crop (OpenCV-exact bilinear warp, zero border), RGB divided by 255, the network, hard-argmax decoding,
 * and the joints mapped back to the original image with the inverse crop transform. With intrinsics and a root
 * depth the joints are back-projected into the camera frame as the reference's evaluation does: each hand at its
 * relative depths plus its wrist depth (given per hand, or the right one given and the left one at the predicted
 * {@code rel_root_depth} from it), and the relative root from the right wrist's depth plus the predicted
 * {@code rel_root_depth}.
 */
public final class InterNetReconstructor extends BatchReconstructor {

    private final InterNetModel model;
    private final String name;
    private final boolean ownsModel;

    /**
     * A reconstructor over {@code model}.
     *
     * @param name the model as reported ({@code internet:PATH})
     * @param ownsModel whether {@link #close()} closes the model (false for a model being trained)
     */
    public InterNetReconstructor(InterNetModel model, String name, boolean ownsModel) {
        this.model = model;
        this.name = name;
        this.ownsModel = ownsModel;
    }

    @Override
    public String model() {
        return name;
    }

    @Override
    public Architecture architecture() {
        return Architectures.named(InterNetArchitecture.NAME).orElseThrow();
    }

    /** The network's input for {@code image} and {@code box}: {@code 3 x 256 x 256} planar RGB / 255. */
    public static float[] input(FloatImage image, Bbox cropBox) {
        int size = InterNetCrop.INPUT_SIZE;
        Affine2 trans = InterNetCrop.patchTransform(cropBox.centreX(), cropBox.centreY(), cropBox.width(),
            cropBox.height(), size, size, 1.0, 0.0, false);
        // as the reference: float32 pixels divided by 255
        return OpenCvAffine.warpAffine(image, trans, size, size).toChwDividedBy(255);
    }

    @Override
    List<Reconstruction> reconstructBatch(List<BufferedImage> images, List<ReconstructionRequest> requests) {
        int n = images.size();
        int plane = 3 * InterNetCrop.INPUT_SIZE * InterNetCrop.INPUT_SIZE;
        float[] input = new float[n * plane];
        Bbox[] crops = new Bbox[n];
        for (int i = 0; i < n; i++) {
            if (requests.get(i).bbox() == null) {
                throw new IllegalArgumentException("InterNet needs the hands' box: give --bbox or --boxes");
            }
            crops[i] = InterNetCrop.processBbox(requests.get(i).bbox());
            System.arraycopy(input(FloatImage.ofRgb(images.get(i)), crops[i]), 0, input, i * plane, plane);
        }
        List<InterNetPrediction> out = model.predict(input, n);
        List<Reconstruction> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            results.add(decode(out.get(i), model.config(), crops[i], requests.get(i), name, images.get(i).getWidth(),
                images.get(i).getHeight()));
        }
        return results;
    }

    /** Turns the network's output into both hands in image pixels and metres (SEED_SPEC B.4, C.1). */
    static Reconstruction decode(InterNetPrediction p, InterNetConfig config, Bbox crop, ReconstructionRequest request,
                                 String model, int width, int height) {
        int size = InterNetCrop.INPUT_SIZE;
        Affine2 inv = InterNetCrop.patchTransform(crop.centreX(), crop.centreY(), crop.width(), crop.height(), size,
            size, 1.0, 0.0, true);
        int hm = config.heatmapSize();
        if (config.jointsPerHand() != 21) {
            throw new IllegalStateException("InterNet with " + config.jointsPerHand()
                + " joints per hand has no hand skeleton order");
        }
        double[] bins = p.joints();
        float[] scores = p.scores();
        double relRoot = InterNetTargets.binsToDepth(p.relRootDepth() * 64.0 / config.rootBins(),
            InterNetTargets.BBOX_3D_SIZE_ROOT);
        double[] presence = p.handType();
        boolean right = presence[0] > HandReconstruction.PRESENT;
        boolean left = presence[1] > HandReconstruction.PRESENT;
        double[][] px = new double[42][];
        double[] rel = new double[42];
        for (int j = 0; j < 42; j++) {
            px[j] = inv.apply(bins[3 * j] / hm * size, bins[3 * j + 1] / hm * size);
            rel[j] = InterNetTargets.binsToDepth(bins[3 * j + 2] * 64.0 / config.depthBins(),
                InterNetTargets.BBOX_3D_SIZE);
        }
        Intrinsics k = request.intrinsics();
        // The right wrist's depth the relative root hangs from, and each hand's wrist depth.
        Double rightRoot = null;
        double[] handRoots = null;
        if (request.perHandRootDepths()) {
            rightRoot = request.rootDepth();
            handRoots = new double[] {request.rootDepth(), request.leftRootDepth()};
        } else if (request.rootDepth() != null) {
            rightRoot = right || !left ? request.rootDepth() : request.rootDepth() - relRoot;
            handRoots = new double[] {rightRoot, rightRoot + relRoot};
        }
        boolean metric = k != null && handRoots != null;
        HandReconstruction[] hands = new HandReconstruction[2];
        for (HandSide side : HandSide.values()) {
            int h = side.index();
            int[] gather = JointOrder.gatherFromInterHand42(side);
            double[] uv = new double[2 * 21];
            double[] relative = new double[21];
            double[] conf = new double[21];
            double[] cam = metric ? new double[3 * 21] : null;
            for (int op = 0; op < 21; op++) {
                int src = gather[op];
                uv[2 * op] = px[src][0];
                uv[2 * op + 1] = px[src][1];
                relative[op] = rel[src];
                conf[op] = scores[src];
                if (metric) {
                    Vec3 c = k.unproject(px[src][0], px[src][1], handRoots[h] + rel[src]);
                    cam[3 * op] = c.x();
                    cam[3 * op + 1] = c.y();
                    cam[3 * op + 2] = c.z();
                }
            }
            hands[h] = new HandReconstruction(side, presence[h], uv, relative, cam, conf);
        }
        Vec3 relativeRoot = null;
        Double rootDepth = null;
        if (metric) {
            int r = Sample.RIGHT_ROOT;
            int l = Sample.LEFT_ROOT;
            relativeRoot = k.unproject(px[l][0], px[l][1], rel[l] + rightRoot + relRoot)
                .minus(k.unproject(px[r][0], px[r][1], rel[r] + rightRoot));
            rootDepth = request.perHandRootDepths() ? handRoots[0] : request.rootDepth();
        }
        return new Reconstruction(model, width, height, request.bbox(), crop, List.of(hands), k,
            k == null ? null : ValueSource.GIVEN, rootDepth, rootDepth == null ? null : ValueSource.GIVEN, relRoot,
            relativeRoot);
    }

    @Override
    public void close() {
        if (ownsModel) {
            model.close();
        }
    }
}
