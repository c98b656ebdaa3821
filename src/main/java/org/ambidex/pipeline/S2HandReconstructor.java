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
import org.ambidex.detect.DetectedHand;
import org.ambidex.detect.Handedness;
import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.Mat3;
import org.ambidex.geom.PointBounds;
import org.ambidex.geom.Rotations;
import org.ambidex.geom.Vec3;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandSide;
import org.ambidex.nets.s2hand.S2HandModel;
import org.ambidex.nets.s2hand.S2HandNet;
import org.ambidex.nets.s2hand.S2HandPrediction;
import org.ambidex.nets.s2hand.S2HandTexture;
import org.ambidex.nets.twohand.CameraPlacement;

/**
 * Reconstructs hands with S2HAND, one network input per hand. With a box, the input is the square of the box's longer
 * side about its centre (a whole-image box of a 224-pixel FreiHAND image is the image itself, as the reference runs
 * it); without one, the MediaPipe hand finder ({@code detect}) finds the hands of the photo and each gets the square
 * {@value #FINDER_MARGIN} times its landmarks' extent. S2HAND knows right hands only: a left hand's input is
 * mirrored and its output mirrored back (x negated in the camera frame, triangles turned round).
 *
 * <p>With a box, the network's joints and vertices are taken as they are, in the camera frame of its input, which
 * is the photo's camera (the crop only scales and shifts pixels), as the reference evaluates them; for a hand the
 * finder found, they are turned towards the crop's centre ({@link #towardsCentre}). The 2-D joints are their
 * projection with the given or assumed intrinsics (the reference's {@code proj_func}). A given root depth moves a
 * hand along its wrist's ray.
 * This class is the one path from S2HAND's output to a {@link Reconstruction}.
 */
final class S2HandReconstructor extends BatchReconstructor {

    /** Side of the finder's crop as a multiple of the landmarks' extent (FreiHAND crops frame the hand closely). */
    static final double FINDER_MARGIN = 1.4;

    private final S2HandModel model;
    private final String name;
    private final String handModel;
    private final int[] faces;
    private final int[] mirroredFaces;
    private final double[] components;
    private final HandFinderBoxes finder;

    S2HandReconstructor(S2HandModel model, String name, String handModel, ReconstructorOptions options) {
        this.model = model;
        this.name = name;
        this.handModel = handModel;
        this.finder = new HandFinderBoxes(options.finderOptions());
        HandModel mano = model.mano().model();
        this.faces = mano.faces().toIntArray();
        this.mirroredFaces = faces.clone();
        for (int f = 0; f < faces.length; f += 3) {
            mirroredFaces[f + 1] = faces[f + 2];
            mirroredFaces[f + 2] = faces[f + 1];
        }
        this.components = mano.handsComponents().toDoubleArray();
    }

    @Override
    public String model() {
        return name;
    }

    @Override
    public Architecture architecture() {
        return Architectures.named(S2HandArchitecture.NAME).orElseThrow();
    }

    /**
     * One network input: its crop of the image, whether the finder found it (then the network's camera is taken to
     * look through the crop's centre), whether it is a mirrored left hand, and the finder's presence.
     */
    private record View(int image, SquareCrop crop, boolean found, boolean mirrored, double presence) {
    }

    @Override
    List<Reconstruction> reconstructBatch(List<BufferedImage> images, List<ReconstructionRequest> requests) {
        List<View> views = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            views.addAll(views(i, images.get(i), requests.get(i)));
        }
        int size = S2HandNet.INPUT_SIZE;
        int plane = 3 * size * size;
        float[] input = new float[views.size() * plane];
        FloatImage[] pictures = new FloatImage[images.size()];
        for (int v = 0; v < views.size(); v++) {
            View view = views.get(v);
            if (pictures[view.image()] == null) {
                pictures[view.image()] = FloatImage.ofRgb(images.get(view.image()));
            }
            FloatImage crop = view.crop().apply(pictures[view.image()], size);
            if (view.mirrored()) {
                crop = crop.flippedHorizontally();
            }
            System.arraycopy(crop.toChwDividedBy(255), 0, input, v * plane, plane);
        }
        List<S2HandPrediction> out = views.isEmpty() ? List.of() : model.predict(input, views.size());
        List<Reconstruction> results = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            List<S2HandPrediction> mine = new ArrayList<>();
            List<View> mineViews = new ArrayList<>();
            for (int v = 0; v < views.size(); v++) {
                if (views.get(v).image() == i) {
                    mine.add(out.get(v));
                    mineViews.add(views.get(v));
                }
            }
            BufferedImage image = images.get(i);
            results.add(toReconstruction(mine, mineViews, requests.get(i), image.getWidth(), image.getHeight()));
        }
        return results;
    }

    /** The inputs of image {@code i}: the given box, or each hand the finder sees. */
    private List<View> views(int i, BufferedImage image, ReconstructionRequest request) {
        Bbox box = request.bbox();
        if (box != null) {
            return List.of(new View(i, new SquareCrop(box.centreX(), box.centreY(), Math.max(box.width(),
                box.height())), false, false, 1.0));
        }
        List<DetectedHand> found = finder.hands(image);
        boolean[] right = Handedness.rightHands(found);
        List<View> views = new ArrayList<>();
        for (int h = 0; h < found.size(); h++) {
            DetectedHand d = found.get(h);
            PointBounds b = PointBounds.of(d.imageXy());
            views.add(new View(i, new SquareCrop(b.midX(), b.midY(),
                Math.max(1, FINDER_MARGIN * d.extent())), true, !right[h], d.presence()));
        }
        return views;
    }

    /** The outputs for one image's views as its reconstruction. */
    Reconstruction toReconstruction(List<S2HandPrediction> predictions, List<View> views,
                                    ReconstructionRequest request, int w, int h) {
        boolean assumed = request.intrinsics() == null;
        Intrinsics k = AssumedCamera.orGiven(request, w, h);
        List<Placed> placed = new ArrayList<>();
        for (int v = 0; v < predictions.size(); v++) {
            placed.add(place(predictions.get(v), views.get(v), k));
        }
        int reference = referenceHand(placed);
        Vec3[] shifts = shifts(placed, reference, request);
        List<HandReconstruction> hands = new ArrayList<>();
        for (int v = 0; v < placed.size(); v++) {
            hands.add(hand(predictions.get(v), views.get(v), placed.get(v), shifts[v], k));
        }
        Double rootDepth = reference < 0 ? null : hands.get(reference).jointsCamera()[2];
        Bbox whole = new Bbox(0, 0, w, h);
        Bbox box = request.bbox() == null ? whole : request.bbox();
        Bbox cropBox = views.isEmpty() ? box : square(views.get(0).crop());
        Vec3 relativeRoot = null;
        HandReconstruction r = Reconstruction.mostPresent(hands, HandSide.RIGHT).orElse(null);
        HandReconstruction l = Reconstruction.mostPresent(hands, HandSide.LEFT).orElse(null);
        if (r != null && l != null) {
            relativeRoot = Vec3.of(l.jointsCamera(), 0).minus(Vec3.of(r.jointsCamera(), 0));
        }
        return new Reconstruction(name, w, h, box, cropBox, hands, k, assumed ? ValueSource.ASSUMED : ValueSource.GIVEN,
            rootDepth, rootDepth == null ? null : request.rootDepth() == null ? ValueSource.ESTIMATED
                : ValueSource.GIVEN, relativeRoot == null ? null : relativeRoot.z(), relativeRoot,
            hands.isEmpty() ? "no hand found in the image" : null);
    }

    /** One hand's joints and vertices in the photo's camera frame, before any given depth moves it. */
    private record Placed(HandSide side, double presence, double[] joints, double[] vertices) {
    }

    private static Placed place(S2HandPrediction p, View view, Intrinsics k) {
        double[] joints = p.joints();
        double[] vertices = p.vertices();
        if (view.mirrored()) {
            negateX(joints);
            negateX(vertices);
        }
        if (view.found()) {
            Mat3 r = towardsCentre(view.crop(), k);
            rotate(joints, r);
            rotate(vertices, r);
        }
        return new Placed(view.mirrored() ? HandSide.LEFT : HandSide.RIGHT, view.presence(), joints, vertices);
    }

    /**
     * Each hand's move for the given depths: with one depth, the reference hand's wrist goes along its ray to it
     * and the other hands move with it (their placement relative to it is the network's); with a depth per hand,
     * each wrist goes to its own; without, nothing moves.
     */
    private static Vec3[] shifts(List<Placed> placed, int reference, ReconstructionRequest request) {
        Vec3[] shifts = new Vec3[placed.size()];
        java.util.Arrays.fill(shifts, new Vec3(0, 0, 0));
        if (request.perHandRootDepths()) {
            for (int v = 0; v < placed.size(); v++) {
                double depth = placed.get(v).side() == HandSide.LEFT ? request.leftRootDepth() : request.rootDepth();
                shifts[v] = alongRay(Vec3.of(placed.get(v).joints(), 0), depth);
            }
        } else if (request.rootDepth() != null && reference >= 0) {
            java.util.Arrays.fill(shifts, alongRay(Vec3.of(placed.get(reference).joints(), 0), request.rootDepth()));
        }
        return shifts;
    }

    /** The move taking {@code wrist} along its camera ray to depth {@code z}: the projection stays the network's. */
    private static Vec3 alongRay(Vec3 wrist, double z) {
        return wrist.times(z / wrist.z()).minus(wrist);
    }

    private HandReconstruction hand(S2HandPrediction p, View view, Placed placed, Vec3 shift, Intrinsics k) {
        double[] joints = CameraPlacement.translated(placed.joints(), shift);
        double[] vertices = CameraPlacement.translated(placed.vertices(), shift);
        double[] uv = new double[42];
        double[] rel = new double[21];
        for (int j = 0; j < 21; j++) {
            double[] q = k.project(Vec3.of(joints, 3 * j));
            uv[2 * j] = q[0];
            uv[2 * j + 1] = q[1];
            rel[j] = joints[3 * j + 2] - joints[2];
        }
        double[] scores = new double[21];
        Arrays.fill(scores, view.presence());
        double[] colours = S2HandTexture.vertexColors(p.faceTextures(), faces, vertices.length / 3);
        HandMesh mesh = new HandMesh(vertices, view.mirrored() ? mirroredFaces : faces, handModel,
            parameters(p), colours);
        return new HandReconstruction(placed.side(), view.presence(), uv, rel, joints, scores, mesh);
    }

    /** The network's parameters under the names of {@link HandMesh#parameters()} and S2HAND's own. */
    private Map<String, double[]> parameters(S2HandPrediction p) {
        float[] pca = p.pcaCoefficients();
        double[] coefficients = new double[pca.length];
        double[] pose = new double[45];
        for (int i = 0; i < pca.length; i++) {
            coefficients[i] = pca[i];
            for (int c = 0; c < 45; c++) {
                pose[c] += pca[i] * components[i * 45 + c];
            }
        }
        double[] lights = new double[p.lights().length];
        for (int i = 0; i < lights.length; i++) {
            lights[i] = p.lights()[i];
        }
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("hand_pose_pca", coefficients);
        m.put("hand_pose", pose);
        m.put("betas", new double[10]);
        m.put("s2hand_rotation", p.rotation());
        m.put("s2hand_scale", new double[] {p.scale()});
        m.put("s2hand_translation", p.translation());
        m.put("lights", lights);
        return m;
    }

    /** The most present right hand, else the most present left hand, else -1. */
    private static int referenceHand(List<Placed> hands) {
        for (HandSide side : new HandSide[] {HandSide.RIGHT, HandSide.LEFT}) {
            int best = -1;
            for (int i = 0; i < hands.size(); i++) {
                if (hands.get(i).side() == side && (best < 0 || hands.get(i).presence() > hands.get(best).presence())) {
                    best = i;
                }
            }
            if (best >= 0) {
                return best;
            }
        }
        return -1;
    }

    private static Bbox square(SquareCrop c) {
        return new Bbox(c.centreX() - c.side() / 2, c.centreY() - c.side() / 2, c.side(), c.side());
    }

    /**
     * The rotation turning the optical axis onto the ray through the crop's centre: S2HAND learnt from crops centred
     * on the principal point, so for a crop elsewhere in the photo its camera is taken to look through the crop's
     * centre (a rotation, so the hand keeps its shape; its projection is the network's at the centre).
     */
    private static Mat3 towardsCentre(SquareCrop crop, Intrinsics k) {
        Vec3 d = new Vec3((crop.centreX() - k.cx()) / k.fx(), (crop.centreY() - k.cy()) / k.fy(), 1).normalized();
        Vec3 axis = new Vec3(0, 0, 1).cross(d);
        double sin = axis.norm();
        if (sin < 1e-12) {
            return Mat3.IDENTITY;
        }
        return Rotations.axisAngleToMatrix(axis.times(Math.atan2(sin, d.z()) / sin));
    }

    private static void rotate(double[] packed, Mat3 r) {
        for (int i = 0; i < packed.length; i += 3) {
            Vec3 p = r.times(Vec3.of(packed, i));
            packed[i] = p.x();
            packed[i + 1] = p.y();
            packed[i + 2] = p.z();
        }
    }

    private static void negateX(double[] packed) {
        for (int i = 0; i < packed.length; i += 3) {
            packed[i] = -packed[i];
        }
    }

    @Override
    public void close() {
        model.close();
        finder.close();
    }
}
