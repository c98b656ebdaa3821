package org.ambidex.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The finder's geometry end to end, with stand-in networks that "see" a white disc: the palm stand-in reports a
 * palm at the disc's centroid in its input, the landmark stand-in puts the wrist at the disc's centroid in its crop
 * and fingers straight up the crop. Whatever the letterbox, tiles, rotations and refinements, the wrist found must
 * land on the disc in the photo.
 */
class HandFinderTest {

    /** Bright pixels an input needs before a stand-in network sees something. */
    private static final int PALM_PIXELS = 12;

    @Test
    void aLargeHandIsFoundOnTheWholeImage() {
        BufferedImage photo = disc(640, 480, 400, 150, 40);
        Counting palms = new Counting(HandFinderTest::palmNetwork);
        HandFinder finder = new HandFinder(palms, HandFinderTest::landmarkNetwork, FinderOptions.DEFAULT.withMaxHands(1));
        List<DetectedHand> hands = finder.find(photo);
        assertThat(hands).hasSize(1);
        assertWristAt(hands.get(0), 400, 150, 1.5);
        assertThat(palms.images).as("one letterboxed palm input, no tiles once the hand is found").isEqualTo(1);
        assertThat(hands.get(0).rightProbability()).isCloseTo(0.8, within(1e-6));
    }

    @Test
    void aSmallHandIsFoundInTilesAndNotWithoutThem() {
        BufferedImage photo = disc(1280, 960, 200, 700, 5);
        HandFinder plain = new HandFinder(HandFinderTest::palmNetwork, HandFinderTest::landmarkNetwork,
            FinderOptions.DEFAULT.withTileLevels(0));
        assertThat(plain.find(photo)).isEmpty();
        HandFinder tiled = new HandFinder(HandFinderTest::palmNetwork, HandFinderTest::landmarkNetwork,
            FinderOptions.DEFAULT);
        List<DetectedHand> hands = tiled.find(photo);
        assertThat(hands).hasSize(1); // found in several overlapping tiles, kept once
        assertWristAt(hands.get(0), 200, 700, 1.0);
    }

    @Test
    void twoHandsAreBothFoundAndAnEmptyPhotoGivesNone() {
        BufferedImage photo = disc(640, 480, 150, 200, 35);
        Graphics2D g = photo.createGraphics();
        g.setColor(Color.WHITE);
        g.fillOval(500 - 35, 300 - 35, 70, 70);
        g.dispose();
        HandFinder finder = new HandFinder(HandFinderTest::twoPalmNetwork, HandFinderTest::landmarkNetwork,
            FinderOptions.DEFAULT.withRefinements(0));
        List<DetectedHand> hands = finder.find(photo);
        assertThat(hands).hasSize(2);
        double[] xs = hands.stream().mapToDouble(h -> h.image()[0]).sorted().toArray();
        assertThat(xs[0]).isCloseTo(150, within(2.0));
        assertThat(xs[1]).isCloseTo(500, within(2.0));
        assertThat(finder.find(new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB))).isEmpty();
    }

    @Test
    void aBoxWithoutAPalmStillGivesItsHand() {
        BufferedImage photo = disc(640, 480, 300, 260, 30);
        HandFinder finder = new HandFinder((input, batch) -> List.of(new float[batch * 2016 * 18], filled(batch * 2016,
            -10f)), HandFinderTest::landmarkNetwork, FinderOptions.DEFAULT.withMaxHands(1));
        List<DetectedHand> hands = finder.findInBox(photo, 260, 200, 80, 90);
        assertThat(hands).hasSize(1);
        assertWristAt(hands.get(0), 300, 260, 1.5);
        assertThat(hands.get(0).presence()).isGreaterThan(0.5);
    }

    @Test
    void aBoxIsNotGivenAHandCollapsedOntoAFewPixels() {
        // No palm; the landmark stand-in sees the disc faintly in the closer blind views (presence 0.3) and, in the
        // wider ones, gives 21 points within a pixel or two of the crop's centre with a higher presence (0.45).
        BufferedImage photo = disc(640, 480, 300, 260, 30);
        Network collapsing = (nhwc, batch) -> {
            List<float[]> out = landmarkNetwork(nhwc, batch);
            for (int b = 0; b < batch; b++) {
                double[] c = bright(nhwc, b, 224, 0, 224);
                if (c[2] > 0 && c[2] < 5000) {
                    for (int j = 0; j < 21; j++) {
                        out.get(0)[b * 63 + 3 * j] = 112 + 0.1f * (j % 5);
                        out.get(0)[b * 63 + 3 * j + 1] = 112 - 0.1f * (j / 5);
                    }
                    out.get(1)[b] = 0.45f;
                } else {
                    out.get(1)[b] = 0.3f;
                }
            }
            return out;
        };
        HandFinder finder = new HandFinder((input, batch) -> List.of(new float[batch * 2016 * 18], filled(batch * 2016,
            -10f)), collapsing, FinderOptions.DEFAULT.withMaxHands(2));
        List<DetectedHand> hands = finder.findInBox(photo, 260, 200, 80, 90);
        assertThat(hands).hasSize(1);
        assertThat(hands.get(0).extent()).isGreaterThanOrEqualTo(HandFinder.MIN_BOX_FILL * 90);
        assertWristAt(hands.get(0), 300, 260, 1.5);
    }

    @Test
    void aHandTooSmallForThePalmDetectorIsFoundFromThePersonHoldingIt() {
        BufferedImage photo = disc(640, 480, 200, 300, 5);
        FinderOptions noTiles = FinderOptions.DEFAULT.withTileLevels(0).withMaxHands(1);
        assertThat(new HandFinder(HandFinderTest::palmNetwork, HandFinderTest::landmarkNetwork, noTiles).find(photo))
            .as("the palm stand-in does not see a 10-pixel disc in the whole photo").isEmpty();
        float[][] detectorInput = new float[1][];
        Network people = (nhwc, batch) -> {
            detectorInput[0] = nhwc;
            return personNetwork(nhwc, batch);
        };
        HandFinder finder = new HandFinder(HandFinderTest::palmNetwork, HandFinderTest::landmarkNetwork, people,
            HandFinderTest::poseNetwork, noTiles);
        List<DetectedHand> hands = finder.find(photo);
        assertThat(hands).hasSize(1);
        assertWristAt(hands.get(0), 200, 300, 1.5);
        // The person detector takes [-1, 1]: the letterbox's black border is -1, the white disc 1.
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : detectorInput[0]) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat(min).isEqualTo(-1f);
        assertThat(max).isEqualTo(1f);
        assertThat(finder.find(new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB))).as("no person, no hand")
            .isEmpty();
        // A hand the hand network barely sees is kept, on the side of the arm it is at (the person's left).
        Network faint = (nhwc, batch) -> {
            List<float[]> out = landmarkNetwork(nhwc, batch);
            Arrays.fill(out.get(1), 0.02f);
            return out;
        };
        DetectedHand left = new HandFinder(HandFinderTest::palmNetwork, faint, people, HandFinderTest::poseNetwork,
            noTiles).find(photo).get(0);
        assertWristAt(left, 200, 300, 1.5);
        assertThat(left.presence()).isEqualTo(0.02f);
        assertThat(left.rightProbability()).isCloseTo(1 - HandFinder.ARM_SIDE, within(1e-12));
        DetectedHand mirrored = new HandFinder(HandFinderTest::palmNetwork, faint, people,
            HandFinderTest::poseNetwork, noTiles.withMirrored(true)).find(photo).get(0);
        assertThat(mirrored.rightProbability()).isCloseTo(HandFinder.ARM_SIDE, within(1e-12));
    }

    /**
     * A person in the first input (the letterboxed photo): hip centre at image (200, 400), the body radius keypoint
     * 150 px above it, when the input shows anything; nothing in the other inputs (the tiles).
     */
    private static List<float[]> personNetwork(float[] nhwc, int batch) {
        SsdDecoder d = SsdDecoder.PERSON;
        float[] boxes = new float[batch * d.anchors() * d.values()];
        float[] logits = filled(batch * d.anchors(), -10f);
        boolean anything = false;
        for (int i = 0; i < 224 * 224 * 3; i++) {
            anything |= nhwc[i] > 0;
        }
        if (!anything) {
            return List.of(boxes, logits);
        }
        int anchor = 100;
        double scale = 224 / 640.0; // letterbox of 640 x 480: image (x, y) -> input (x, y + 80) * 224 / 640
        double ax = d.anchorCentres()[2 * anchor] * 224;
        double ay = d.anchorCentres()[2 * anchor + 1] * 224;
        int o = anchor * d.values();
        boxes[o + 2] = 50;
        boxes[o + 3] = 50;
        boxes[o + 4] = (float) (200 * scale - ax);
        boxes[o + 5] = (float) ((400 + 80) * scale - ay);
        boxes[o + 6] = (float) (200 * scale - ax);
        boxes[o + 7] = (float) ((250 + 80) * scale - ay);
        logits[anchor] = 5f;
        return List.of(boxes, logits);
    }

    /** The left wrist on the bright disc of its 256 crop, knuckles above it, elbow below; the right arm hidden. */
    private static List<float[]> poseNetwork(float[] nhwc, int batch) {
        float[] landmarks = new float[batch * 195];
        float[] presence = filled(batch, 0.99f);
        for (int b = 0; b < batch; b++) {
            double[] c = bright(nhwc, b, 256, 0, 256);
            int o = b * 195;
            float[][] points = {{15, 0, 0, 5}, {17, 2, -6, 0}, {19, -2, -6, 0}, {13, 0, 20, 0}, {16, 0, 0, -5}};
            for (float[] p : points) {
                int i = o + 5 * (int) p[0];
                landmarks[i] = (float) c[0] + p[1];
                landmarks[i + 1] = (float) c[1] + p[2];
                landmarks[i + 3] = p[3];
            }
        }
        return List.of(landmarks, presence);
    }

    private static void assertWristAt(DetectedHand hand, double x, double y, double tolerance) {
        assertThat(hand.image()[0]).isCloseTo(x, within(tolerance));
        assertThat(hand.image()[1]).isCloseTo(y, within(tolerance));
        // The middle finger's tip is straight above the wrist in the crop, and the crop was turned upright.
        assertThat(hand.image()[3 * 12 + 1]).isLessThan(hand.image()[1]);
    }

    private static BufferedImage disc(int w, int h, int x, int y, int r) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillOval(x - r, y - r, 2 * r, 2 * r);
        g.dispose();
        return image;
    }

    /** Centroid (x, y) and count of the bright pixels of image {@code b}, optionally within a column range. */
    private static double[] bright(float[] nhwc, int b, int n, int fromX, int toX) {
        double sx = 0;
        double sy = 0;
        int count = 0;
        for (int y = 0; y < n; y++) {
            for (int x = fromX; x < toX; x++) {
                float v = nhwc[((b * n + y) * n + x) * 3];
                if (v > 0.5f) {
                    sx += x;
                    sy += y;
                    count++;
                }
            }
        }
        return new double[] {count == 0 ? 0 : sx / count, count == 0 ? 0 : sy / count, count};
    }

    private static List<float[]> palmNetwork(float[] nhwc, int batch) {
        float[] boxes = new float[batch * 2016 * 18];
        float[] logits = filled(batch * 2016, -10f);
        for (int b = 0; b < batch; b++) {
            reportPalm(boxes, logits, b, bright(nhwc, b, 192, 0, 192));
        }
        return List.of(boxes, logits);
    }

    /** Sees the left and the right half of each input separately (two palms side by side). */
    private static List<float[]> twoPalmNetwork(float[] nhwc, int batch) {
        float[] boxes = new float[batch * 2016 * 18];
        float[] logits = filled(batch * 2016, -10f);
        for (int b = 0; b < batch; b++) {
            reportPalm(boxes, logits, b, bright(nhwc, b, 192, 0, 96));
            reportPalm(boxes, logits, b, bright(nhwc, b, 192, 96, 192));
        }
        return List.of(boxes, logits);
    }

    private static void reportPalm(float[] boxes, float[] logits, int b, double[] c) {
        if (c[2] < PALM_PIXELS) {
            return;
        }
        double[] anchors = SsdDecoder.PALM.anchorCentres();
        int best = 1152;
        for (int i = 1152; i < 2016; i++) { // the stride-16 anchors: the nearest one reports the palm
            if (dist(anchors, i, c) < dist(anchors, best, c)) {
                best = i;
            }
        }
        double r = Math.sqrt(c[2] / Math.PI);
        int o = (b * 2016 + best) * 18;
        float ax = (float) (anchors[2 * best] * 192);
        float ay = (float) (anchors[2 * best + 1] * 192);
        boxes[o] = (float) c[0] - ax;
        boxes[o + 1] = (float) c[1] - ay;
        boxes[o + 2] = (float) (2 * r);
        boxes[o + 3] = (float) (2 * r);
        boxes[o + 4] = (float) c[0] - ax; // wrist below the centre, middle MCP above: upright
        boxes[o + 5] = (float) (c[1] + r) - ay;
        boxes[o + 8] = (float) c[0] - ax;
        boxes[o + 9] = (float) (c[1] - r) - ay;
        logits[b * 2016 + best] = 5f;
    }

    private static double dist(double[] anchors, int i, double[] c) {
        return Math.hypot(anchors[2 * i] * 192 - c[0], anchors[2 * i + 1] * 192 - c[1]);
    }

    /** Wrist at the disc's centroid, fingers fanned straight up the crop; present when the disc is well in view. */
    private static List<float[]> landmarkNetwork(float[] nhwc, int batch) {
        float[] screen = new float[batch * 63];
        float[] presence = new float[batch];
        float[] handedness = filled(batch, 0.8f);
        float[] world = new float[batch * 63];
        for (int b = 0; b < batch; b++) {
            double[] c = bright(nhwc, b, 224, 0, 224);
            presence[b] = c[2] > 400 ? 0.95f : 0.05f;
            // A hand the disc's size: the region its landmarks frame holds the whole disc.
            double r = Math.sqrt(c[2] / Math.PI);
            for (int j = 0; j < 21; j++) {
                int finger = j == 0 ? 0 : (j - 1) / 4;
                int joint = j == 0 ? 0 : (j - 1) % 4 + 1;
                screen[b * 63 + 3 * j] = (float) (c[0] + (finger - 2) * 0.5 * r * Math.min(joint, 1));
                screen[b * 63 + 3 * j + 1] = (float) (c[1] - 0.6 * r * joint);
            }
        }
        return List.of(screen, presence, handedness, world);
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }

    /** Counts the images a network is run on. */
    private static final class Counting implements Network {
        private final Network inner;
        int images;

        Counting(Network inner) {
            this.inner = inner;
        }

        @Override
        public List<float[]> run(float[] nhwc, int batch) {
            images += batch;
            return inner.run(nhwc, batch);
        }
    }
}
