package org.ambidex.pipeline;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ambidex.core.BadInputException;
import org.ambidex.data.Bbox;
import org.ambidex.data.crop.FloatImage;
import org.ambidex.data.crop.SquareCrop;
import org.ambidex.geom.Affine2;
import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.Rotations;
import org.ambidex.geom.Vec3;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;
import org.ambidex.nets.twohand.CameraPlacement;
import org.ambidex.nets.twohand.HandVector;
import org.ambidex.nets.twohand.InputNormalisation;
import org.ambidex.nets.twohand.TwoHandModel;
import org.ambidex.nets.twohand.TwoHandPrediction;

/**
 * Reconstructs both hands with the two-hand mesh network: the crop is the square about the given box
 * ({@link SquareCrop#around}) or, without a box, the whole image padded to a square; the hands are placed in the
 * camera frame from the weak-perspective cameras ({@link CameraPlacement}) with the given intrinsics, or, without
 * them, a camera with focal length {@value #ASSUMED_FOCAL_FACTOR} times the image's longer side at the image centre
 * (recorded in the result as its intrinsics).
 */
public final class TwoHandReconstructor implements Reconstructor {

    /** Focal length assumed without intrinsics, as a multiple of the image's longer side (about 53 degrees). */
    public static final double ASSUMED_FOCAL_FACTOR = 1.0;

    private final TwoHandModel model;
    private final String name;
    private final String handModel;
    private final int[][] faces = new int[2][];
    private final double[][] components = new double[2][];

    public TwoHandReconstructor(TwoHandModel model, String name, String handModel) {
        this.model = model;
        this.name = name;
        this.handModel = handModel;
        for (int h = 0; h < 2; h++) {
            HandModel m = model.decoder().layer(h).model();
            faces[h] = m.faces().toIntArray();
            components[h] = m.handsComponents().toDoubleArray();
        }
    }

    /** Opens a model file written by {@code ambidex train --arch twohand}, with the hand model it names. */
    public static TwoHandReconstructor open(ModelSpec spec) {
        return open(spec.path(), spec.toString());
    }

    /** Opens the model file {@code file}, reported as {@code name}. */
    public static TwoHandReconstructor open(Path file, String name) {
        String handModel = TwoHandModelFiles.handModel(file);
        HandModel right = HandModelLoader.resolve(handModel, HandSide.RIGHT, true);
        HandModel left = HandModelLoader.resolve(handModel, HandSide.LEFT, true);
        return new TwoHandReconstructor(TwoHandModel.load(file, right, left), name, handModel);
    }

    public TwoHandModel network() {
        return model;
    }

    @Override
    public String model() {
        return name;
    }

    @Override
    public Reconstruction reconstruct(BufferedImage image, ReconstructionRequest request) {
        int w = image.getWidth();
        int h = image.getHeight();
        Bbox box = request.bbox();
        SquareCrop crop = box == null ? SquareCrop.wholeImage(w, h) : SquareCrop.around(box);
        Intrinsics k = request.intrinsics() != null ? request.intrinsics()
            : new Intrinsics(ASSUMED_FOCAL_FACTOR * Math.max(w, h), ASSUMED_FOCAL_FACTOR * Math.max(w, h), w / 2.0,
                h / 2.0);
        int size = model.config().inputSize();
        float[] input = InputNormalisation.apply(crop.apply(FloatImage.ofRgb(image), size).toArray(), size,
            model.config(), new float[3 * size * size], 0);
        TwoHandPrediction p = model.predict(input, 1).get(0);
        return toReconstruction(p, crop, k, w, h, box);
    }

    Reconstruction toReconstruction(TwoHandPrediction p, SquareCrop crop, Intrinsics k, int w, int h, Bbox box) {
        int size = model.config().inputSize();
        Intrinsics inputK = crop.inputIntrinsics(k, size);
        Affine2 toImage = crop.toInput(size).inverse();
        List<HandReconstruction> hands = new ArrayList<>(2);
        Vec3[] roots = new Vec3[2];
        for (int hand = 0; hand < 2; hand++) {
            roots[hand] = CameraPlacement.root(p, hand, inputK, size);
        }
        // The placement head's left-minus-right offset is trained on annotated pairs: when both hands are present
        // the left hand is put there relative to the right one; otherwise each hand keeps its own camera.
        boolean both = p.presence()[0] > HandReconstruction.PRESENT && p.presence()[1] > HandReconstruction.PRESENT;
        if (both) {
            roots[1] = roots[0].plus(new Vec3(p.offset()[0], p.offset()[1], p.offset()[2]));
        }
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
            java.util.Arrays.fill(scores, p.presence()[hand]);
            HandMesh mesh = new HandMesh(vertices, faces[hand], handModel, parameters(p, hand, roots[hand]));
            hands.add(new HandReconstruction(HandSide.ofIndex(hand), p.presence()[hand], uv, rel, joints, scores, mesh));
        }
        double side = crop.side();
        Bbox cropBox = new Bbox(crop.centreX() - side / 2, crop.centreY() - side / 2, side, side);
        return new Reconstruction(name, w, h, box == null ? new Bbox(0, 0, w, h) : box, cropBox, hands,
            roots[1].z() - roots[0].z(), k, roots[0].z());
    }

    private Map<String, double[]> parameters(TwoHandPrediction p, int hand, Vec3 root) {
        double[] v = p.vectors()[hand];
        double[] sixD = java.util.Arrays.copyOfRange(v, HandVector.ROT6D, HandVector.ROT6D + 6);
        Vec3 aa = Rotations.matrixToAxisAngle(Rotations.sixDToMatrix(sixD));
        double[] pca = java.util.Arrays.copyOfRange(v, HandVector.POSE, HandVector.POSE + HandVector.POSE_SIZE);
        double[] pose = new double[45];
        for (int i = 0; i < 45; i++) {
            for (int c = 0; c < 45; c++) {
                pose[c] += pca[i] * components[hand][i * 45 + c];
            }
        }
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("global_orient", new double[] {aa.x(), aa.y(), aa.z()});
        m.put("hand_pose_pca", pca);
        m.put("hand_pose", pose);
        m.put("betas", java.util.Arrays.copyOfRange(v, HandVector.BETAS, HandVector.BETAS + HandVector.BETAS_SIZE));
        double[] wrist = p.wrist()[hand];
        m.put("transl", new double[] {root.x() - wrist[0], root.y() - wrist[1], root.z() - wrist[2]});
        return m;
    }

    @Override
    public void close() {
        model.close();
    }

    /** A bad model file named in one line. */
    static BadInputException bad(Path file, String message) {
        return new BadInputException(file, message);
    }
}
