package org.ambidex.pipeline;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ambidex.data.Bbox;
import org.ambidex.data.crop.FloatImage;
import org.ambidex.data.crop.SquareCrop;
import org.ambidex.geom.Affine2;
import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.Rotations;
import org.ambidex.geom.Vec3;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandSide;
import org.ambidex.nets.twohand.CameraPlacement;
import org.ambidex.nets.twohand.HandVector;
import org.ambidex.nets.twohand.InputNormalisation;
import org.ambidex.nets.twohand.TwoHandModel;
import org.ambidex.nets.twohand.TwoHandPrediction;

/**
 * Reconstructs both hands with the two-hand mesh network. The crop is the square about the given box
 * ({@link SquareCrop#around}) or, without a box, the whole image padded to a square. Each hand's wrist is placed
 * in the camera frame from its weak-perspective camera ({@link CameraPlacement}) with the given intrinsics or,
 * without them, the {@link AssumedCamera} (recorded as assumed). When both hands are present, the left wrist is put at the placement head's
 * left-minus-right offset from the right one. A given root depth moves the wrist along its ray to that depth (the
 * other hand following at the offset when both are present), so the 2-D projection stays the network's.
 *
 * <p>This class is the one path from the network's output to a {@link Reconstruction}: {@code reconstruct},
 * {@code predict}, training-time validation and the Java API all go through {@link #toReconstruction}.
 */
public final class TwoHandReconstructor extends BatchReconstructor {

    private final TwoHandModel model;
    private final String name;
    private final String handModel;
    private final boolean ownsModel;
    private final int[][] faces = new int[2][];
    private final double[][] components = new double[2][];

    /**
     * A reconstructor over {@code model}.
     *
     * @param name the model as reported ({@code twohand:PATH})
     * @param handModel the hand model the network was trained with ({@code open}, a MANO folder)
     * @param ownsModel whether {@link #close()} closes the model (false for a model being trained)
     */
    public TwoHandReconstructor(TwoHandModel model, String name, String handModel, boolean ownsModel) {
        this.model = model;
        this.name = name;
        this.handModel = handModel;
        this.ownsModel = ownsModel;
        for (int h = 0; h < 2; h++) {
            HandModel m = model.decoder().layer(h).model();
            faces[h] = m.faces().toIntArray();
            components[h] = m.handsComponents().toDoubleArray();
        }
    }

    public TwoHandModel network() {
        return model;
    }

    @Override
    public String model() {
        return name;
    }

    @Override
    public Architecture architecture() {
        return Architectures.named(TwoHandArchitecture.NAME).orElseThrow();
    }

    @Override
    List<Reconstruction> reconstructBatch(List<BufferedImage> images, List<ReconstructionRequest> requests) {
        int n = images.size();
        int size = model.config().inputSize();
        int plane = 3 * size * size;
        float[] input = new float[n * plane];
        SquareCrop[] crops = new SquareCrop[n];
        for (int i = 0; i < n; i++) {
            BufferedImage image = images.get(i);
            Bbox box = requests.get(i).bbox();
            crops[i] = box == null ? SquareCrop.wholeImage(image.getWidth(), image.getHeight()) : SquareCrop.around(box);
            InputNormalisation.apply(crops[i].apply(FloatImage.ofRgb(image), size).toArray(), size, model.config(),
                input, i * plane);
        }
        List<TwoHandPrediction> out = model.predict(input, n);
        List<Reconstruction> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            BufferedImage image = images.get(i);
            results.add(toReconstruction(out.get(i), crops[i], requests.get(i), image.getWidth(), image.getHeight()));
        }
        return results;
    }

    /** The network's output for one image, cropped by {@code crop}, as both hands in the camera frame. */
    Reconstruction toReconstruction(TwoHandPrediction p, SquareCrop crop, ReconstructionRequest request, int w,
                                    int h) {
        int size = model.config().inputSize();
        boolean assumed = request.intrinsics() == null;
        Intrinsics k = AssumedCamera.orGiven(request, w, h);
        Intrinsics inputK = crop.inputIntrinsics(k, size);
        Affine2 toImage = crop.toInput(size).inverse();
        boolean[] present = {p.presence()[0] > HandReconstruction.PRESENT, p.presence()[1] > HandReconstruction.PRESENT};
        Vec3 offset = new Vec3(p.offset()[0], p.offset()[1], p.offset()[2]);
        Vec3[] roots = {CameraPlacement.root(p, 0, inputK, size), CameraPlacement.root(p, 1, inputK, size)};
        // The placement head's offset is trained on annotated pairs: used when both hands are present.
        if (present[0] && present[1]) {
            roots[1] = roots[0].plus(offset);
        }
        int reference = !present[0] && present[1] ? 1 : 0;
        if (request.perHandRootDepths()) {
            roots[0] = atDepth(roots[0], request.rootDepth());
            roots[1] = atDepth(roots[1], request.leftRootDepth());
        } else if (request.rootDepth() != null) {
            roots[reference] = atDepth(roots[reference], request.rootDepth());
            if (present[0] && present[1]) {
                roots[1] = roots[0].plus(offset);
            }
        }
        List<HandReconstruction> hands = new ArrayList<>(2);
        for (int hand = 0; hand < 2; hand++) {
            double[] uv = new double[42];
            double[] rel = new double[21];
            for (int j = 0; j < 21; j++) {
                double[] q = toImage.apply(p.uv()[hand][2 * j], p.uv()[hand][2 * j + 1]);
                uv[2 * j] = q[0];
                uv[2 * j + 1] = q[1];
                rel[j] = p.joints()[hand][3 * j + 2];
            }
            double[] joints = CameraPlacement.translated(p.joints()[hand], roots[hand]);
            double[] vertices = CameraPlacement.translated(p.vertices()[hand], roots[hand]);
            double[] scores = new double[21];
            Arrays.fill(scores, p.presence()[hand]);
            HandMesh mesh = new HandMesh(vertices, faces[hand], handModel, parameters(p, hand, roots[hand]));
            hands.add(new HandReconstruction(HandSide.ofIndex(hand), p.presence()[hand], uv, rel, joints, scores, mesh));
        }
        double side = crop.side();
        Bbox cropBox = new Bbox(crop.centreX() - side / 2, crop.centreY() - side / 2, side, side);
        Bbox box = request.bbox() == null ? new Bbox(0, 0, w, h) : request.bbox();
        ValueSource depthSource = request.rootDepth() == null ? ValueSource.ESTIMATED : ValueSource.GIVEN;
        return new Reconstruction(name, w, h, box, cropBox, hands, k, assumed ? ValueSource.ASSUMED : ValueSource.GIVEN,
            roots[reference].z(), depthSource, offset.z(), offset);
    }

    /** {@code root} moved along its camera ray to depth {@code z}. */
    private static Vec3 atDepth(Vec3 root, double z) {
        return root.times(z / root.z());
    }

    private Map<String, double[]> parameters(TwoHandPrediction p, int hand, Vec3 root) {
        double[] v = p.vectors()[hand];
        double[] sixD = Arrays.copyOfRange(v, HandVector.ROT6D, HandVector.ROT6D + 6);
        Vec3 aa = Rotations.matrixToAxisAngle(Rotations.sixDToMatrix(sixD));
        double[] pca = Arrays.copyOfRange(v, HandVector.POSE, HandVector.POSE + HandVector.POSE_SIZE);
        double[] pose = new double[45];
        for (int i = 0; i < pca.length; i++) {
            for (int c = 0; c < 45; c++) {
                pose[c] += pca[i] * components[hand][i * 45 + c];
            }
        }
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("global_orient", new double[] {aa.x(), aa.y(), aa.z()});
        m.put("hand_pose_pca", pca);
        m.put("hand_pose", pose);
        m.put("betas", Arrays.copyOfRange(v, HandVector.BETAS, HandVector.BETAS + HandVector.BETAS_SIZE));
        double[] wrist = p.wrist()[hand];
        m.put("transl", new double[] {root.x() - wrist[0], root.y() - wrist[1], root.z() - wrist[2]});
        return m;
    }

    @Override
    public void close() {
        if (ownsModel) {
            model.close();
        }
    }
}
