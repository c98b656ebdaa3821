package org.ambidex.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the hands of the people in a photo are, from MediaPipe Pose: the person detector on the letterboxed photo
 * (224 x 224, RGB in [-1, 1], weighted NMS as {@code pose_detection_cpu.pbtxt}), each person's region from the hip
 * centre and the body-radius keypoint (turned so the body points up, 2.5 body radii square, as
 * {@code pose_detection_to_roi.pbtxt}), the pose landmark network on it (256 x 256, RGB in [0, 1]), and for each
 * visible wrist the regions its hand may fill. A hand of 15 pixels in a 640-pixel group photo is below what the palm
 * detector sees, but the person holding it is not; MediaPipe Holistic finds hands from the pose the same way
 * ({@code hand_detections_from_pose_to_rects_calculator.cc}).
 */
final class PoseHandRegions {

    /** The person detector's input side, pixels. */
    static final int DETECTOR_INPUT = 224;
    /** The pose landmark network's input side, pixels. */
    static final int LANDMARK_INPUT = 256;
    /** Landmarks in the pose network's output (33 body landmarks and 6 auxiliary points), 5 values each. */
    static final int LANDMARKS = 39;
    /** The person detector's suppression threshold. */
    static final double NMS_THRESHOLD = 0.3;
    /** Lowest pose presence and wrist visibility taken (MediaPipe's thresholds are 0.5). */
    static final double MIN_PRESENCE = 0.5;
    static final double MIN_VISIBILITY = 0.5;
    /** Hands looked for, most visible first. */
    static final int MAX_HANDS = 6;
    /** People looked at, most confident first. */
    static final int MAX_PEOPLE = 4;

    /** Pose landmark indices: wrist, pinky, index (at the knuckles), elbow, for the person's left and right. */
    private static final int[][] ARMS = {{15, 17, 19, 13}, {16, 18, 20, 14}};

    private final Network detector;
    private final Network landmarks;

    /**
     * @param detector the pose detector (224 x 224 input in [-1, 1]; outputs {@code [b, 2254, 12]} boxes and
     *     keypoints and {@code [b, 2254, 1]} score logits)
     * @param landmarks the pose landmark network (256 x 256 input in [0, 1]; first outputs {@code [b, 195]}
     *     landmarks and {@code [b, 1]} presence)
     */
    PoseHandRegions(Network detector, Network landmarks) {
        this.detector = detector;
        this.landmarks = landmarks;
    }

    /**
     * The hands of the people in the photo, the most visible first: for each, the candidate regions the hand
     * landmark network should look at.
     */
    List<HandGuess> find(Pixels px) {
        return see(px).hands();
    }

    /**
     * The people in the photo as the pose network sees them: their hands' guesses (as {@link #find}) and where
     * each person's two hands are, visible or not (for each side the mean of the wrist and the pinky and index
     * knuckle points, pixels).
     */
    PeopleSeen see(Pixels px) {
        List<RotatedRect> people = people(px);
        if (people.isEmpty()) {
            return new PeopleSeen(List.of(), List.of(), 0);
        }
        int n = LANDMARK_INPUT;
        float[] input = new float[people.size() * n * n * 3];
        for (int i = 0; i < people.size(); i++) {
            RegionSampler.sample(px, people.get(i), n, RegionSampler.Border.REPLICATE, input, i * n * n * 3);
        }
        List<float[]> out = landmarks.run(input, people.size());
        return seen(out.get(0), out.get(1), people);
    }

    /**
     * What the pose landmarks {@code [b, 39 x 5]} (256-pixel crop units) and presences {@code [b]} of the regions
     * {@code people} (most confident first) say: their hand guesses and, once per distinct person, their hands.
     */
    static PeopleSeen seen(float[] landmarks, float[] presence, List<RotatedRect> people) {
        List<HandGuess> guesses = new ArrayList<>();
        List<double[]> handPoints = new ArrayList<>();
        List<double[]> heads = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            if (presence[i] >= MIN_PRESENCE) {
                guesses.addAll(hands(landmarks, i, people.get(i)));
                // The same person seen in the whole photo and in a tile is one person with one pair of hands (the
                // first, most confident view's): their noses within half a shoulder width. A tile's partial view
                // may place the arms elsewhere.
                double[] head = head(landmarks, i, people.get(i));
                if (heads.stream().noneMatch(h -> Math.hypot(h[0] - head[0], h[1] - head[1])
                    < 0.5 * Math.max(h[2], head[2]))) {
                    heads.add(head);
                    handPoints.addAll(handPoints(landmarks, i, people.get(i)));
                }
            }
        }
        guesses.sort((a, b) -> Double.compare(b.visibility(), a.visibility()));
        // A person seen in the whole photo and in a tile is two detections whose regions differ too much for the
        // suppression to merge: keep one guess per wrist.
        List<HandGuess> distinct = new ArrayList<>();
        for (HandGuess g : guesses) {
            if (distinct.stream().noneMatch(d -> Math.hypot(d.wristX() - g.wristX(), d.wristY() - g.wristY())
                < 0.5 * d.side()) && distinct.size() < MAX_HANDS) {
                distinct.add(g);
            }
        }
        return new PeopleSeen(distinct, handPoints, heads.size());
    }

    /** Person {@code b}'s nose {@code (x, y)} and shoulder width, pixels (pose landmarks 0, 11 and 12). */
    private static double[] head(float[] landmarks, int b, RotatedRect region) {
        double[][] p = new double[3][];
        int[] points = {0, 11, 12};
        for (int k = 0; k < 3; k++) {
            int o = b * LANDMARKS * 5 + 5 * points[k];
            p[k] = region.toImage(landmarks[o] / (double) LANDMARK_INPUT, landmarks[o + 1] / (double) LANDMARK_INPUT);
        }
        return new double[] {p[0][0], p[0][1], Math.hypot(p[1][0] - p[2][0], p[1][1] - p[2][1])};
    }

    /** Where person {@code b}'s two hands are (visible or not): the mean of wrist, pinky and index points. */
    private static List<double[]> handPoints(float[] landmarks, int b, RotatedRect region) {
        List<double[]> out = new ArrayList<>(2);
        for (int[] arm : ARMS) {
            double x = 0;
            double y = 0;
            for (int k = 0; k < 3; k++) {
                int o = b * LANDMARKS * 5 + 5 * arm[k];
                double[] p = region.toImage(landmarks[o] / (double) LANDMARK_INPUT,
                    landmarks[o + 1] / (double) LANDMARK_INPUT);
                x += p[0] / 3;
                y += p[1] / 3;
            }
            out.add(new double[] {x, y});
        }
        return out;
    }

    /**
     * What the pose network saw of the photo's people.
     *
     * @param hands the guesses of their visible hands, the most visible first
     * @param handPoints each person's two hands (visible or not), pixels {@code (x, y)}
     * @param persons how many people it saw
     */
    record PeopleSeen(List<HandGuess> hands, List<double[]> handPoints, int persons) {

        PeopleSeen {
            hands = List.copyOf(hands);
            handPoints = List.copyOf(handPoints);
        }
    }

    /** The regions of the people the detector finds in the whole photo, most confident first. */
    private List<RotatedRect> people(Pixels px) {
        int n = DETECTOR_INPUT;
        List<RotatedRect> views = new ArrayList<>();
        views.add(RotatedRect.letterbox(px.width, px.height));
        double longer = Math.max(px.width, px.height);
        if (longer >= 2 * DETECTOR_INPUT) {
            // People of a group photo are small in the detector's view of the whole: look at its halves too.
            views.addAll(HandFinder.tiles(px.width, px.height, longer / 2));
        }
        float[] input = new float[views.size() * n * n * 3];
        for (int v = 0; v < views.size(); v++) {
            RegionSampler.sample(px, views.get(v), n, RegionSampler.Border.ZERO, input, v * n * n * 3);
        }
        for (int i = 0; i < input.length; i++) {
            input[i] = 2 * input[i] - 1;
        }
        List<float[]> out = detector.run(input, views.size());
        List<SsdDetection> detections = new ArrayList<>();
        for (int v = 0; v < views.size(); v++) {
            detections.addAll(SsdDecoder.PERSON.decode(out.get(0), out.get(1), v, views.get(v)));
        }
        List<SsdDetection> found = WeightedNms.apply(detections, NMS_THRESHOLD);
        List<RotatedRect> regions = new ArrayList<>();
        for (SsdDetection person : found.subList(0, Math.min(MAX_PEOPLE, found.size()))) {
            double x0 = person.keypointX(0);
            double y0 = person.keypointY(0);
            double radius = Math.hypot(person.keypointX(1) - x0, person.keypointY(1) - y0);
            if (radius > 1) {
                double rotation = Angles.upright(x0, y0, person.keypointX(1), person.keypointY(1));
                regions.add(new RotatedRect(x0, y0, 2.5 * radius, 2.5 * radius, rotation));
            }
        }
        return regions;
    }

    /** The visible hands of person {@code b}, landmarks {@code [b, 39 x 5]} in 256-pixel crop units. */
    static List<HandGuess> hands(float[] landmarks, int b, RotatedRect region) {
        List<HandGuess> out = new ArrayList<>(2);
        for (int side = 0; side < 2; side++) {
            int[] arm = ARMS[side];
            double visibility = sigmoid(landmarks[b * LANDMARKS * 5 + 5 * arm[0] + 3]);
            if (!(visibility >= MIN_VISIBILITY)) {
                continue;
            }
            double[][] p = new double[4][];
            for (int k = 0; k < 4; k++) {
                int o = b * LANDMARKS * 5 + 5 * arm[k];
                p[k] = region.toImage(landmarks[o] / (double) LANDMARK_INPUT, landmarks[o + 1] / (double) LANDMARK_INPUT);
            }
            HandGuess guess = HandGuess.of(p[0], p[1], p[2], p[3], visibility, side == 1);
            if (guess != null) {
                out.add(guess);
            }
        }
        return out;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /**
     * Where one hand of a person may be: regions for the hand landmark network, the likelier first.
     *
     * @param regions square regions about the hand, turned so its fingers point up
     * @param visibility the pose network's visibility of the wrist, in [0, 1]
     * @param wristX the wrist in the image, pixels
     * @param wristY the wrist's y
     * @param personsRight whether the pose network takes it for the person's right hand
     */
    record HandGuess(List<RotatedRect> regions, double visibility, double wristX, double wristY,
                     boolean personsRight) {

        HandGuess {
            regions = List.copyOf(regions);
        }

        /** The largest region's side, pixels: about the hand's length. */
        double side() {
            return regions.stream().mapToDouble(RotatedRect::width).max().orElseThrow();
        }

        /**
         * The regions of the hand with this wrist, pinky and index knuckles and elbow (pixels): one from the hand
         * (centred on the estimated middle knuckle, as Holistic's recrop, 3 wrist-to-knuckle lengths wide), one
         * from the forearm (the hand continuing it, one forearm wide), for when the pose network's hand points
         * are poor; {@code null} when neither has a size.
         */
        static HandGuess of(double[] wrist, double[] pinky, double[] index, double[] elbow, double visibility,
                            boolean personsRight) {
            List<RotatedRect> regions = new ArrayList<>(2);
            double mx = (2 * index[0] + pinky[0]) / 3;
            double my = (2 * index[1] + pinky[1]) / 3;
            double palm = Math.hypot(mx - wrist[0], my - wrist[1]);
            if (palm > 1) {
                regions.add(new RotatedRect(mx, my, 3 * palm, 3 * palm, Angles.upright(wrist[0], wrist[1], mx, my)));
            }
            double fx = wrist[0] - elbow[0];
            double fy = wrist[1] - elbow[1];
            double forearm = Math.hypot(fx, fy);
            if (forearm > 1) {
                double cx = wrist[0] + 0.35 * fx;
                double cy = wrist[1] + 0.35 * fy;
                regions.add(new RotatedRect(cx, cy, forearm, forearm, Angles.upright(elbow[0], elbow[1], wrist[0],
                    wrist[1])));
            }
            return regions.isEmpty() ? null : new HandGuess(regions, visibility, wrist[0], wrist[1], personsRight);
        }
    }
}
