package org.ambidex.pipeline;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ambidex.data.Bbox;
import org.ambidex.data.crop.FloatImage;
import org.ambidex.data.crop.IntagHandCrop;
import org.ambidex.geom.Affine2;
import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.Rotations;
import org.ambidex.geom.Vec3;
import org.ambidex.hand.HandSide;
import org.ambidex.nets.dir.DirConfig;
import org.ambidex.nets.dir.DirInput;
import org.ambidex.nets.dir.DirModel;
import org.ambidex.nets.dir.DirPrediction;
import org.ambidex.nets.twohand.CameraPlacement;

/**
 * Reconstructs both hands with DIR. The crop is IntagHand's ({@link IntagHandCrop}, as DIR's data are made):
 * the square of side {@code max extent / 0.8} about the given box, or without a box about the landmarks the
 * real-photo hand finder ({@link HandFinderBoxes}) finds in the photo (a photo where it finds none gives no hands and a
 * note, nothing is cropped at random); OpenCV's 8-bit fixed-point warp to 256 x 256, then {@link DirInput}.
 *
 * <p>DIR gives both hands always (presence 1), each wrist-centred with a weak-perspective camera, and the right
 * wrist minus the left one. The right wrist is placed in the camera frame from its camera (depth {@code 2 f /
 * (256 s)} with the crop's focal length, the given or {@link AssumedCamera}'s intrinsics) and the left wrist at
 * DIR's offset from it; a given root depth moves the right wrist along its ray (the left following), per-hand
 * depths place each wrist on its own ray. This class is the one path from DIR's output to a
 * {@link Reconstruction} ({@code reconstruct}, {@code predict} and the Java API).
 */
final class DirReconstructor extends BatchReconstructor {

    /** The hand model named in meshes: the MANO data DIR's checkpoint carries. */
    static final String HAND_MODEL = "mano (from the DIR checkpoint)";

    private final DirModel model;
    private final String name;
    private final HandFinderBoxes finder = new HandFinderBoxes();
    private final int[][] faces = new int[2][];
    private final float[][] components = new float[2][];

    DirReconstructor(DirModel model, String name) {
        this.model = model;
        this.name = name;
        for (int h = 0; h < 2; h++) {
            faces[h] = model.faces(h);
            components[h] = model.components(h);
        }
    }

    @Override
    public String model() {
        return name;
    }

    @Override
    public Architecture architecture() {
        return Architectures.named(DirArchitecture.NAME).orElseThrow();
    }

    @Override
    List<Reconstruction> reconstructBatch(List<BufferedImage> images, List<ReconstructionRequest> requests) {
        int n = images.size();
        int size = DirConfig.INPUT_SIZE;
        int plane = 3 * size * size;
        float[] input = new float[n * plane];
        IntagHandCrop[] crops = new IntagHandCrop[n];
        Bbox[] used = new Bbox[n];
        List<Integer> run = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BufferedImage image = images.get(i);
            Bbox box = requests.get(i).bbox();
            double[] points = box == null ? finder.landmarks(image).orElse(null)
                : new double[] {box.x(), box.y(), box.x() + box.width(), box.y() + box.height()};
            if (points != null) {
                used[i] = box != null ? box : HandFinderBoxes.extent(points);
                Intrinsics k = AssumedCamera.orGiven(requests.get(i), image.getWidth(), image.getHeight());
                crops[i] = IntagHandCrop.of(points, k);
                DirInput.normalise(crops[i].apply(FloatImage.ofRgb(image)).toArray(), size, input,
                    run.size() * plane);
                run.add(i);
            }
        }
        List<DirPrediction> out = run.isEmpty() ? List.of() : model.predict(input, run.size());
        List<Reconstruction> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            BufferedImage image = images.get(i);
            int r = run.indexOf(i);
            results.add(r < 0
                ? HandFinderBoxes.noHands(name, "DIR", image.getWidth(), image.getHeight(),
                    AssumedCamera.orGiven(requests.get(i), image.getWidth(), image.getHeight()), requests.get(i))
                : toReconstruction(out.get(r), crops[i], requests.get(i), used[i], image.getWidth(),
                    image.getHeight()));
        }
        return results;
    }

    /** DIR's output for one image, cropped by {@code crop}, as both hands in the camera frame. */
    Reconstruction toReconstruction(DirPrediction p, IntagHandCrop crop, ReconstructionRequest request, int w, int h) {
        return toReconstruction(p, crop, request, request.bbox(), w, h);
    }

    /**
     * As above, reporting {@code box} (the given box, or the extent of the hands the finder saw; {@code null}: the
     * whole image) as the region the crop was made about.
     */
    Reconstruction toReconstruction(DirPrediction p, IntagHandCrop crop, ReconstructionRequest request, Bbox used,
                                    int w, int h) {
        boolean assumed = request.intrinsics() == null;
        Intrinsics k = AssumedCamera.orGiven(request, w, h);
        Intrinsics cropK = crop.intrinsics();
        Affine2 toImage = crop.inverse();
        // DIR's offset is right minus left; a Reconstruction's relative root is left minus right.
        Vec3 leftMinusRight = new Vec3(-p.relativeRoot()[0], -p.relativeRoot()[1], -p.relativeRoot()[2]);
        Vec3[] roots = {placed(p, 0, cropK), placed(p, 1, cropK)};
        if (request.perHandRootDepths()) {
            roots[0] = atDepth(roots[0], request.rootDepth());
            roots[1] = atDepth(roots[1], request.leftRootDepth());
        } else {
            if (request.rootDepth() != null) {
                roots[0] = atDepth(roots[0], request.rootDepth());
            }
            roots[1] = roots[0].plus(leftMinusRight);
        }
        List<HandReconstruction> hands = new ArrayList<>(2);
        for (int hand = 0; hand < 2; hand++) {
            double[] uv = new double[42];
            double[] rel = new double[21];
            for (int j = 0; j < 21; j++) {
                double[] q = toImage.apply(p.jointPixels()[hand][2 * j], p.jointPixels()[hand][2 * j + 1]);
                uv[2 * j] = q[0];
                uv[2 * j + 1] = q[1];
                rel[j] = p.joints()[hand][3 * j + 2];
            }
            double[] scores = new double[21];
            Arrays.fill(scores, 1);
            HandMesh mesh = new HandMesh(CameraPlacement.translated(p.vertices()[hand], roots[hand]), faces[hand],
                HAND_MODEL, parameters(p, hand, roots[hand]));
            hands.add(new HandReconstruction(HandSide.ofIndex(hand), 1, uv, rel,
                CameraPlacement.translated(p.joints()[hand], roots[hand]), scores, mesh));
        }
        // The region the crop's pixels cover: its first pixel's outer edge, 256 / s wide (cut_img puts the hands'
        // midpoint at crop pixel 128, so the region's centre is half a crop pixel before it).
        double[] topLeft = toImage.apply(-0.5, -0.5);
        double side = IntagHandCrop.IMG_SIZE / crop.scale();
        Bbox cropBox = new Bbox(topLeft[0], topLeft[1], side, side);
        Bbox box = used == null ? new Bbox(0, 0, w, h) : used;
        ValueSource depthSource = request.rootDepth() == null ? ValueSource.ESTIMATED : ValueSource.GIVEN;
        return new Reconstruction(name, w, h, box, cropBox, hands, k, assumed ? ValueSource.ASSUMED : ValueSource.GIVEN,
            roots[0].z(), depthSource, roots[1].z() - roots[0].z(), roots[1].minus(roots[0]));
    }

    /** Hand {@code hand}'s wrist, camera frame: its weak-perspective camera read with the crop's intrinsics. */
    private static Vec3 placed(DirPrediction p, int hand, Intrinsics cropK) {
        double[] cam = p.camera(hand);
        double f = (cropK.fx() + cropK.fy()) / 2;
        double half = IntagHandCrop.IMG_SIZE / 2.0;
        double z = f / (half * cam[0]);
        return cropK.unproject((cam[1] + 1) * half, (cam[2] + 1) * half, z);
    }

    private static Vec3 atDepth(Vec3 root, double z) {
        return root.times(z / root.z());
    }

    private Map<String, double[]> parameters(DirPrediction p, int hand, Vec3 root) {
        double[] v = p.parameters()[hand];
        Vec3 aa = Rotations.matrixToAxisAngle(Rotations.sixDRobustToMatrix(Arrays.copyOfRange(v, 0, 6)));
        double[] pca = Arrays.copyOfRange(v, 6, 51);
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
        m.put("betas", Arrays.copyOfRange(v, 51, 61));
        double[] wrist = p.wrist()[hand];
        m.put("transl", new double[] {root.x() - wrist[0], root.y() - wrist[1], root.z() - wrist[2]});
        m.put("camera", p.camera(hand));
        return m;
    }

    @Override
    public void close() {
        finder.close();
        model.close();
    }
}
