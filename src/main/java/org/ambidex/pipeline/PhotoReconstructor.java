package org.ambidex.pipeline;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ambidex.data.Bbox;
import org.ambidex.detect.DetectedHand;
import org.ambidex.detect.HandFinder;
import org.ambidex.detect.Handedness;
import org.ambidex.fit.FitOptions;
import org.ambidex.fit.HandFit;
import org.ambidex.fit.HandLandmarks;
import org.ambidex.fit.TwoHandFit;
import org.ambidex.fit.TwoHandFitter;
import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.Vec3;
import org.ambidex.hand.HandSide;
import org.ambidex.nets.mediapipe.MediaPipeModel;
import org.ambidex.nets.twohand.CameraPlacement;

/**
 * Reconstructs the hands of a photo with MediaPipe's networks and the hand model fitted to their landmarks: the
 * {@link HandFinder} finds each hand (in the whole photo, or in the given box) with its image and world
 * landmarks and handedness ({@link Handedness}); the {@link TwoHandFitter} fits the hand model of its side to them
 * in the camera of the given intrinsics or the {@link AssumedCamera}, so every hand is in one camera frame. A given
 * root depth moves the hands along the ray of the reference wrist (the right hand's, or the left's when no right
 * hand is found) so that wrist is at that depth; the image is unchanged.
 *
 * <p>The 2-D joints are the landmarks the network found (what 2-D protocols score); the camera-frame joints and
 * vertices are the fitted hand model's, which project onto them to within the fit's residual.
 */
final class PhotoReconstructor implements Reconstructor {

    private final Architecture architecture;
    private final String name;
    private final FinderNetworks networks;
    private final HandFinder finder;
    private final TwoHandFitter fitter;
    private final String handModel;
    private final int[][] faces = new int[2][];

    PhotoReconstructor(Architecture architecture, String name, MediaPipeModel palmModel, MediaPipeModel landmarkModel,
                       ReconstructorOptions options) {
        this.architecture = architecture;
        this.name = name;
        this.handModel = options.handModel() == null ? "open" : options.handModel();
        HandModels models = HandModels.resolve(handModel);
        this.fitter = new TwoHandFitter(models.right(), models.left(), FitOptions.mediaPipe());
        for (int h = 0; h < 2; h++) {
            faces[h] = models.get(h).faces().toIntArray();
        }
        this.networks = new FinderNetworks(palmModel, landmarkModel, options.finderOptions());
        this.finder = networks.finder();
    }

    @Override
    public String model() {
        return name;
    }

    @Override
    public Architecture architecture() {
        return architecture;
    }

    @Override
    public Reconstruction reconstruct(BufferedImage image, ReconstructionRequest request) {
        int w = image.getWidth();
        int h = image.getHeight();
        Bbox box = request.bbox();
        List<DetectedHand> found = box == null ? finder.find(image)
            : finder.findInBox(image, box.x(), box.y(), box.width(), box.height());
        boolean assumed = request.intrinsics() == null;
        Intrinsics k = AssumedCamera.orGiven(request, w, h);
        boolean[] right = Handedness.rightHands(found);
        // The most present hand of each side make the pair that may touch (and that the JSON's relative root is of).
        int pairRight = mostPresent(found, right, true);
        int pairLeft = mostPresent(found, right, false);
        HandFit[] fits = new HandFit[found.size()];
        if (pairRight >= 0 && pairLeft >= 0) {
            TwoHandFit pair = fitter.pair(landmarks(found.get(pairRight), HandSide.RIGHT),
                landmarks(found.get(pairLeft), HandSide.LEFT), k);
            fits[pairRight] = pair.hand(HandSide.RIGHT).orElseThrow();
            fits[pairLeft] = pair.hand(HandSide.LEFT).orElseThrow();
        }
        for (int i = 0; i < found.size(); i++) {
            if (fits[i] == null) {
                HandSide side = right[i] ? HandSide.RIGHT : HandSide.LEFT;
                fits[i] = fitter.fitter(side).fit(landmarks(found.get(i), side), k);
            }
        }
        int reference = referenceHand(found, right);
        Vec3[] shift = shifts(List.of(fits), right, reference, request);
        List<HandReconstruction> hands = new ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i++) {
            hands.add(hand(found.get(i), fits[i], shift[i]));
        }
        Bbox whole = new Bbox(0, 0, w, h);
        Double rootDepth = reference < 0 ? null : hands.get(reference).jointsCamera()[2];
        ValueSource depthSource = rootDepth == null ? null
            : request.rootDepth() == null ? ValueSource.ESTIMATED : ValueSource.GIVEN;
        Vec3 relativeRoot = null;
        HandReconstruction r = Reconstruction.mostPresent(hands, HandSide.RIGHT).orElse(null);
        HandReconstruction l = Reconstruction.mostPresent(hands, HandSide.LEFT).orElse(null);
        if (r != null && l != null) {
            relativeRoot = Vec3.of(l.jointsCamera(), 0).minus(Vec3.of(r.jointsCamera(), 0));
        }
        return new Reconstruction(name, w, h, box == null ? whole : box, box == null ? whole : box, hands, k,
            assumed ? ValueSource.ASSUMED : ValueSource.GIVEN, rootDepth, depthSource,
            relativeRoot == null ? null : relativeRoot.z(), relativeRoot,
            hands.isEmpty() ? (box == null ? "no hand found in the image" : "no hand found in the box") : null);
    }

    private static HandLandmarks landmarks(DetectedHand hand, HandSide side) {
        return HandLandmarks.fromUvz(side, hand.world(), hand.image());
    }

    /** The index of the most present right hand, else of the most present left hand, else -1. */
    private static int referenceHand(List<DetectedHand> found, boolean[] right) {
        int best = mostPresent(found, right, true);
        return best >= 0 ? best : mostPresent(found, right, false);
    }

    /** The index of the most present hand of the side asked for ({@code rightSide}), or -1. */
    private static int mostPresent(List<DetectedHand> found, boolean[] right, boolean rightSide) {
        int best = -1;
        for (int i = 0; i < found.size(); i++) {
            if (right[i] == rightSide && (best < 0 || found.get(i).presence() > found.get(best).presence())) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Per hand, the translation that a given root depth asks for: the reference wrist moved along its ray to that
     * depth; with per-hand depths, each hand's wrist to its side's depth; otherwise none.
     */
    private static Vec3[] shifts(List<HandFit> fits, boolean[] right, int reference, ReconstructionRequest request) {
        Vec3[] shift = new Vec3[fits.size()];
        Arrays.fill(shift, Vec3.ZERO);
        if (request.rootDepth() == null || reference < 0) {
            return shift;
        }
        for (int i = 0; i < fits.size(); i++) {
            Vec3 wrist = Vec3.of(fits.get(i).joints(), 0);
            Double depth = request.perHandRootDepths() ? (right[i] ? request.rootDepth() : request.leftRootDepth())
                : null;
            if (depth != null) {
                shift[i] = wrist.times(depth / wrist.z() - 1);
            }
        }
        if (!request.perHandRootDepths()) {
            Vec3 wrist = Vec3.of(fits.get(reference).joints(), 0);
            Vec3 move = wrist.times(request.rootDepth() / wrist.z() - 1);
            Arrays.fill(shift, move); // the hands keep their placement relative to each other
        }
        return shift;
    }

    private HandReconstruction hand(DetectedHand d, HandFit fit, Vec3 shift) {
        double[] joints = CameraPlacement.translated(fit.joints(), shift);
        double[] vertices = CameraPlacement.translated(fit.vertices(), shift);
        double[] image = d.image();
        double[] uv = new double[42];
        double[] rel = new double[21];
        for (int j = 0; j < 21; j++) {
            uv[2 * j] = image[3 * j];
            uv[2 * j + 1] = image[3 * j + 1];
            rel[j] = joints[3 * j + 2] - joints[2];
        }
        double[] scores = new double[21];
        Arrays.fill(scores, d.presence());
        Map<String, double[]> params = new LinkedHashMap<>();
        params.put("global_orient", fit.globalOrient());
        params.put("hand_pose", fit.handPose());
        params.put("betas", fit.betas());
        double[] transl = fit.transl();
        params.put("transl", new double[] {transl[0] + shift.x(), transl[1] + shift.y(), transl[2] + shift.z()});
        HandMesh mesh = new HandMesh(vertices, faces[fit.side().index()], handModel, params);
        return new HandReconstruction(fit.side(), d.presence(), uv, rel, joints, scores, mesh);
    }

    @Override
    public void close() {
        networks.close();
    }
}
