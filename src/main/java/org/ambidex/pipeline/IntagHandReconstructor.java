package org.ambidex.pipeline;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.ambidex.core.BadInputException;
import org.ambidex.data.Bbox;
import org.ambidex.data.crop.FloatImage;
import org.ambidex.data.crop.IntagHandCrop;
import org.ambidex.eval.ManoJointRegressor;
import org.ambidex.geom.Affine2;
import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.Vec3;
import org.ambidex.hand.HandSide;
import org.ambidex.nets.intaghand.HandGraphs;
import org.ambidex.nets.intaghand.IntagHandInput;
import org.ambidex.nets.intaghand.IntagHandModel;
import org.ambidex.nets.intaghand.IntagHandNet;
import org.ambidex.nets.intaghand.IntagHandPrediction;

/**
 * IntagHand's test-time path: the reference's crop ({@code cut_img}: the square about the hands' points with side
 * {@code extent / 0.8}, OpenCV's fixed-point warp to 256 x 256), where the points are the given box's corners or,
 * without a box, the landmarks of every hand MediaPipe's finder sees in the photo (no hand seen: no hands, said in
 * the note); ImageNet normalisation; the network; then per hand the 778 vertices, the joints regressed from them
 * (the hand model's {@code J_regressor} and the tips 745, 317, 444, 556, 673, as IntagHand's evaluation), and the
 * 2-D joints by the network's own orthographic projection mapped back to the image.
 *
 * <p>IntagHand predicts each hand about its own middle-finger MCP with camera axes, and an orthographic camera per
 * hand; it predicts no depth and no translation between the hands. To put both hands in one camera frame each hand
 * is placed where a pinhole camera (the given intrinsics, else the assumed one) sees it as its orthographic
 * projection does: at depth {@code fx / (pixels per unit)}, on the ray of the image point its origin projects to.
 * The relative root is therefore not reported.
 */
final class IntagHandReconstructor extends BatchReconstructor {

    private final IntagHandModel model;
    private final String name;
    private final String handModel;
    private final ManoJointRegressor regressor;
    private final int[][] faces = new int[2][];
    private final HandFinderBoxes finder = new HandFinderBoxes();

    IntagHandReconstructor(IntagHandModel model, String name, HandModels hands) {
        for (int h = 0; h < 2; h++) {
            if (hands.get(h).vertexCount() != HandGraphs.VERTICES) {
                throw new BadInputException("--hand-model " + hands.spec() + ": its "
                    + hands.get(h).side() + " hand has " + hands.get(h).vertexCount() + " vertices; IntagHand's meshes"
                    + " have MANO's " + HandGraphs.VERTICES);
            }
            faces[h] = hands.get(h).faces().toIntArray();
        }
        this.model = model;
        this.name = name;
        this.handModel = hands.spec();
        this.regressor = new ManoJointRegressor(hands.right(), hands.left());
    }

    @Override
    public String model() {
        return name;
    }

    @Override
    public Architecture architecture() {
        return Architectures.named(IntagHandArchitecture.NAME).orElseThrow();
    }

    @Override
    List<Reconstruction> reconstructBatch(List<BufferedImage> images, List<ReconstructionRequest> requests) {
        int n = images.size();
        int side = IntagHandNet.INPUT_SIZE;
        int plane = 3 * side * side;
        IntagHandCrop[] crops = new IntagHandCrop[n];
        Bbox[] used = new Bbox[n];
        Intrinsics[] cameras = new Intrinsics[n];
        List<Integer> run = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BufferedImage image = images.get(i);
            ReconstructionRequest request = requests.get(i);
            cameras[i] = AssumedCamera.orGiven(request, image.getWidth(), image.getHeight());
            double[] points = request.bbox() != null ? corners(request.bbox()) : finder.landmarks(image).orElse(null);
            if (points != null) {
                used[i] = request.bbox() != null ? request.bbox() : HandFinderBoxes.extent(points);
                crops[i] = IntagHandCrop.of(points, cameras[i]);
                run.add(i);
            }
        }
        float[] input = new float[run.size() * plane];
        for (int r = 0; r < run.size(); r++) {
            int i = run.get(r);
            float[] rgb = crops[i].apply(FloatImage.ofRgb(images.get(i))).toArray();
            System.arraycopy(IntagHandInput.of(rgb), 0, input, r * plane, plane);
        }
        List<IntagHandPrediction> out = run.isEmpty() ? List.of() : model.predict(input, run.size());
        List<Reconstruction> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            BufferedImage image = images.get(i);
            int r = run.indexOf(i);
            results.add(r < 0
                ? HandFinderBoxes.noHands(name, "IntagHand", image.getWidth(), image.getHeight(), cameras[i],
                    requests.get(i))
                : toReconstruction(out.get(r), crops[i], requests.get(i), used[i], cameras[i], image.getWidth(),
                    image.getHeight()));
        }
        return results;
    }

    private static double[] corners(Bbox b) {
        return new double[] {b.x(), b.y(), b.x() + b.width(), b.y() + b.height()};
    }

    /** The network's output for one crop as both hands, right then left (IntagHand always gives both). */
    Reconstruction toReconstruction(IntagHandPrediction p, IntagHandCrop crop, ReconstructionRequest request,
                                    Intrinsics k, int w, int h) {
        return toReconstruction(p, crop, request, request.bbox(), k, w, h);
    }

    /**
     * As above, reporting {@code used} (the given box, or the extent of the hands the finder saw; {@code null}: the
     * whole image) as the region the crop was made about.
     */
    Reconstruction toReconstruction(IntagHandPrediction p, IntagHandCrop crop, ReconstructionRequest request,
                                    Bbox used, Intrinsics k, int w, int h) {
        Affine2 toImage = crop.inverse();
        List<HandReconstruction> hands = new ArrayList<>(2);
        for (int hand = 0; hand < 2; hand++) {
            float[] v = hand == 0 ? p.rightVertices() : p.leftVertices();
            float[] cam = hand == 0 ? p.rightCamera() : p.leftCamera();
            Vec3 origin = placement(cam, crop, toImage, k);
            double[] vertices = new double[v.length];
            for (int i = 0; i < v.length; i += 3) {
                vertices[i] = v[i] + origin.x();
                vertices[i + 1] = v[i + 1] + origin.y();
                vertices[i + 2] = v[i + 2] + origin.z();
            }
            double[] joints = regressor.joints(hand, vertices);
            double[] uv = new double[42];
            double[] rel = new double[21];
            for (int j = 0; j < 21; j++) {
                // the orthographic projection of the joint in the hand's own frame, as the reference's verts2d
                double[] c = IntagHandPrediction.project(cam, joints[3 * j] - origin.x(),
                    joints[3 * j + 1] - origin.y());
                double[] q = toImage.apply(c[0], c[1]);
                uv[2 * j] = q[0];
                uv[2 * j + 1] = q[1];
                rel[j] = joints[3 * j + 2] - joints[2];
            }
            double[] scores = new double[21];
            Arrays.fill(scores, 1.0);
            HandMesh mesh = new HandMesh(vertices, faces[hand], handModel, Map.of());
            hands.add(new HandReconstruction(HandSide.ofIndex(hand), 1.0, uv, rel, joints, scores, mesh));
        }
        // the square [mid - L, mid + L] that the crop maps onto [0, 256]
        double[] corner = toImage.apply(0, 0);
        double sidePx = IntagHandCrop.IMG_SIZE / crop.scale();
        Bbox cropBox = new Bbox(corner[0], corner[1], sidePx, sidePx);
        Bbox box = used == null ? new Bbox(0, 0, w, h) : used;
        return new Reconstruction(name, w, h, box, cropBox, hands, k,
            request.intrinsics() == null ? ValueSource.ASSUMED : ValueSource.GIVEN, hands.get(0).jointsCamera()[2],
            ValueSource.ESTIMATED, null, null,
            "IntagHand gives each hand about its own middle-finger MCP with an orthographic camera; each is placed at"
                + " the depth where the camera sees it at that scale, and no relative root is predicted");
    }

    /**
     * Where the hand frame's origin goes in the camera: the image point its orthographic projection puts it at, at
     * the depth where {@code fx / z} pixels per unit equal the orthographic scale.
     */
    static Vec3 placement(float[] cam, IntagHandCrop crop, Affine2 toImage, Intrinsics k) {
        double[] c = IntagHandPrediction.project(cam, 0, 0);
        double[] p = toImage.apply(c[0], c[1]);
        double pixelsPerUnit = Math.abs(cam[0]) * IntagHandCrop.IMG_SIZE / crop.scale();
        double z = k.fx() / Math.max(pixelsPerUnit, 1e-9);
        return k.unproject(p[0], p[1], z);
    }

    @Override
    public void close() {
        model.close();
        finder.close();
    }
}
