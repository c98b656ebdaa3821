package org.ambidex.detect;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds hands in a photo with MediaPipe's palm detector and hand-landmark network, as MediaPipe's single-image
 * pipeline does (palm detection on the letterboxed image, weighted NMS, a rotated region per palm, landmarks,
 * presence gating at 0.5), and beyond it:
 * <ul>
 *   <li>a landmark pass on the region the first pass's landmarks frame (MediaPipe's tracking step), which centres
 *       and turns the crop on the hand;</li>
 *   <li>when the palms give fewer than {@link FinderOptions#maxHands()} hands and the finder has MediaPipe Pose's
 *       networks: the hands of the people in the photo ({@link PoseHandRegions}), each looked for in the regions
 *       its person's wrist, knuckles and forearm give, kept whatever its presence (the pose network has seen the
 *       arm; a hand of 15 pixels gets presences below 0.05 where it is), refined and averaged over six views as
 *       a hand in a given box is;</li>
 *   <li>a search in overlapping tiles (a half, a quarter, an eighth of the image's longer side, as many levels as
 *       {@link FinderOptions#tileLevels()} says) while fewer than {@link FinderOptions#maxHands()} hands are found,
 *       so hands too small for the detector's 192-pixel view of the whole image are found too; in a photo of one or
 *       two people (as the pose network sees them) a tile's hand must lie at one of their hands, which removes the
 *       faces, feet and pictures the palm detector takes for hands on tiles ({@link #atPeoplesHands});</li>
 *   <li>inside a given box: palms in the box's surroundings, and when none gives a hand, landmarks in the regions
 *       the arms of the people whose wrist is near the box give (turned as the pose turns them; only hands that
 *       land in the box) and on the box at four rotations and two sizes; the most present is kept, so a box always
 *       gives its hand; then, while fewer than
 *       {@link FinderOptions#maxHands()} are found, landmarks centred in each half of the box at four rotations,
 *       for a second hand whose palm the first one hides; each hand's landmarks are then averaged over six views of
 *       its region (turned and scaled a little), which steadies them on small and blurred hands at six landmark
 *       images per hand (the whole-photo search does not, to stay fast).</li>
 * </ul>
 * Not thread-safe (the networks are not).
 */
public final class HandFinder {

    /** Presence from which a hand counts (MediaPipe's threshold). */
    public static final double MIN_PRESENCE = 0.5;
    /** Two hands are one when their joints are on average closer than this fraction of the hand's size. */
    static final double SAME_HAND = 0.25;
    /**
     * Turns (degrees) and scales of the views a hand in a given box is averaged over: on 26 annotated hands of four
     * real-photo sets, six views raised PCK@0.2 from 0.764 to 0.788 (small, blurred hands most), where one view
     * flipped, or nine, gained less (docs/MODELS.md).
     */
    static final double[] VIEW_TURNS = {-15, 0, 15};
    static final double[] VIEW_SCALES = {0.9, 1.1};
    /**
     * The smallest a hand found in a given box may be, as a fraction of the box's longer side: a box frames its hand
     * (or two), and the landmark network sometimes collapses its 21 points onto a few pixels of a region (on renders,
     * in views from an arm the pose network imagined: 6 to 11 px hands with presences up to 0.87 in boxes of
     * 100 to 240 px), which are then no hand of the box.
     */
    static final double MIN_BOX_FILL = 0.25;
    /** The weight of a view whose presence is lower. */
    static final double MIN_VIEW_WEIGHT = 1e-3;
    /** The smallest tile side, pixels: below it the detector sees little more than the image holds. */
    static final double MIN_TILE = 64;
    /** Up to this many people in a photo, every hand the tiles find must be at one of theirs. */
    static final int FEW_PEOPLE = 2;

    private final Network palms;
    private final Network landmarks;
    private final PoseHandRegions people;
    private final FinderOptions options;

    /**
     * @param palms the palm detector (192 x 192 input; outputs {@code [b, 2016, 18]} boxes and {@code [b, 2016, 1]}
     *     logits)
     * @param landmarks the landmark network (224 x 224 input; outputs landmarks, presence, handedness, world)
     */
    public HandFinder(Network palms, Network landmarks, FinderOptions options) {
        this(palms, landmarks, null, null, options);
    }

    /**
     * A finder that also looks for the hands of the people MediaPipe Pose finds ({@link PoseHandRegions}).
     *
     * @param personDetector the pose detector (224 x 224 input in [-1, 1]), or {@code null} for no search by pose
     * @param poseLandmarks the pose landmark network (256 x 256 input), or {@code null}
     */
    public HandFinder(Network palms, Network landmarks, Network personDetector, Network poseLandmarks,
                      FinderOptions options) {
        this.palms = palms;
        this.landmarks = landmarks;
        this.people = personDetector == null || poseLandmarks == null ? null
            : new PoseHandRegions(personDetector, poseLandmarks);
        this.options = options;
    }

    public FinderOptions options() {
        return options;
    }

    /** The hands in {@code image}, most present first; empty when it shows none. */
    public List<DetectedHand> find(BufferedImage image) {
        Pixels px = Pixels.of(image);
        List<DetectedHand> whole = handsOfPalms(px, List.of(RotatedRect.letterbox(px.width, px.height)), List.of());
        List<DetectedHand> found = whole;
        double side = Math.max(px.width, px.height);
        for (int level = 1; level <= options.tileLevels() && found.size() < options.maxHands(); level++) {
            double tile = side / (1 << level);
            if (tile < MIN_TILE) {
                break;
            }
            found = merged(found, handsOfPalms(px, tiles(px.width, px.height, tile), found));
        }
        // People last: the pose network also imagines people (a lone hand on a patterned background has "arms"
        // whose hands land on its fingers), so the hands palms show are found first and their arms skipped.
        boolean tileHands = found.size() > whole.size();
        if (people != null && (tileHands || found.size() < options.maxHands())) {
            PoseHandRegions.PeopleSeen seen = people.see(px);
            if (tileHands) {
                found = atPeoplesHands(found, whole, seen);
            }
            if (found.size() < options.maxHands()) {
                found = merged(found, handsOfPeople(px, found, seen.hands()));
            }
        }
        return best(found, options.maxHands());
    }

    /**
     * The hands in the box {@code (x, y, w, h)} (pixels) of {@code image}, most present first: at least one (the most
     * present guess, whatever its presence, when nothing is found), at most {@link FinderOptions#maxHands()}.
     */
    public List<DetectedHand> findInBox(BufferedImage image, double x, double y, double w, double h) {
        if (!(w > 0 && h > 0)) {
            throw new IllegalArgumentException("a box needs a positive width and height: " + w + " x " + h);
        }
        Pixels px = Pixels.of(image);
        double cx = x + w / 2;
        double cy = y + h / 2;
        double extent = Math.max(w, h);
        RotatedRect around = RotatedRect.square(cx, cy, 1.5 * extent);
        List<DetectedHand> found = new ArrayList<>();
        for (DetectedHand hand : handsOfPalms(px, List.of(around), List.of())) {
            double[] wrist = {hand.image()[0], hand.image()[1]};
            if (inside(hand, x, y, w, h) || inside(wrist, x - 0.25 * w, y - 0.25 * h, 1.5 * w, 1.5 * h)) {
                found.add(hand);
            }
        }
        List<PoseHandRegions.HandGuess> arms = List.of();
        if (found.stream().noneMatch(hand -> hand.presence() >= MIN_PRESENCE)) {
            arms = armsNear(px, x, y, w, h);
            List<DetectedHand> inBox = new ArrayList<>();
            for (DetectedHand hand : landmarksIn(px, views(arms))) {
                if (inside(hand, x, y, w, h)) {
                    inBox.add(hand);
                }
            }
            // With the blind turns too, the most present wins: on a large hand presence tells the right view, on a
            // small one it says little either way (the same PCK with and without them on the COCO-WholeBody hands).
            List<RotatedRect> guesses = new ArrayList<>();
            for (double size : new double[] {1.6, 2.2}) {
                guesses.addAll(turns(cx, cy, size * extent));
            }
            inBox.addAll(landmarksIn(px, guesses));
            List<DetectedHand> filling = fillingBox(inBox, extent);
            found = merged(found, List.of(refined(px, mostPresent(filling.isEmpty() ? inBox : filling))));
        }
        if (found.size() < options.maxHands()) {
            // A box may hold two hands whose palms hide each other (clasped, interlocked): look for a second hand
            // centred in each half of the box, and keep the most present one that is not a hand already found.
            List<RotatedRect> halves = new ArrayList<>();
            double side = 1.1 * extent;
            for (double[] c : new double[][] {{cx - w / 4, cy}, {cx + w / 4, cy}, {cx, cy - h / 4}, {cx, cy + h / 4}}) {
                halves.addAll(turns(c[0], c[1], side));
            }
            List<DetectedHand> known = found;
            List<DetectedHand> second = new ArrayList<>();
            for (DetectedHand hand : fillingBox(landmarksIn(px, halves), extent)) {
                if (hand.presence() >= MIN_PRESENCE && known.stream().noneMatch(k -> same(k, hand))) {
                    second.add(hand);
                }
            }
            if (!second.isEmpty()) {
                DetectedHand other = refined(px, mostPresent(second));
                if (known.stream().noneMatch(k -> same(k, other)) && fills(other, extent)) {
                    found = merged(found, List.of(other));
                }
            }
        }
        List<DetectedHand> hands = best(found, options.maxHands());
        List<DetectedHand> averaged = new ArrayList<>(hands.size());
        for (DetectedHand hand : hands) {
            averaged.add(sided(averagedOverViews(px, hand), arms));
        }
        return List.copyOf(averaged);
    }

    /**
     * {@code hand} with its landmarks averaged over {@link #VIEW_TURNS} x {@link #VIEW_SCALES} views of the region its
     * landmarks frame ({@link #averaged}).
     */
    private DetectedHand averagedOverViews(Pixels px, DetectedHand hand) {
        RotatedRect framed = HandRegions.fromLandmarks(hand.imageXy());
        List<RotatedRect> views = new ArrayList<>();
        for (double degrees : VIEW_TURNS) {
            for (double scale : VIEW_SCALES) {
                views.add(framed.turned(Math.toRadians(degrees)).scaled(scale));
            }
        }
        return averaged(hand, landmarksIn(px, views), framed);
    }

    /**
     * The presence-weighted mean of the image and world landmarks and the handedness of the {@code views} that see
     * {@code hand} ({@link #same}); views of another hand are left out, and a hand no view agrees with is returned as
     * it was. The presence is the hand's own; the region is {@code framed}, the one the views were taken about.
     */
    static DetectedHand averaged(DetectedHand hand, List<DetectedHand> views, RotatedRect framed) {
        double[] image = new double[3 * DetectedHand.JOINTS];
        double[] world = new double[3 * DetectedHand.JOINTS];
        double right = 0;
        double total = 0;
        for (DetectedHand view : views) {
            if (!same(view, hand)) {
                continue;
            }
            // A floor on the weight, so that views of a hand the network barely sees still average.
            double w = Math.max(view.presence(), MIN_VIEW_WEIGHT);
            for (int i = 0; i < image.length; i++) {
                image[i] += w * view.image()[i];
                world[i] += w * view.world()[i];
            }
            right += w * view.rightProbability();
            total += w;
        }
        if (total == 0) {
            return hand;
        }
        for (int i = 0; i < image.length; i++) {
            image[i] /= total;
            world[i] /= total;
        }
        return new DetectedHand(image, world, hand.presence(), right / total, framed);
    }

    /**
     * The hands of the people whose wrist lies in the box {@code (x, y, w, h)} widened by half on each side; none
     * without the pose networks.
     */
    private List<PoseHandRegions.HandGuess> armsNear(Pixels px, double x, double y, double w, double h) {
        if (people == null) {
            return List.of();
        }
        return people.find(px).stream()
            .filter(g -> inside(new double[] {g.wristX(), g.wristY()}, x - 0.5 * w, y - 0.5 * h, 2 * w, 2 * h))
            .toList();
    }

    /** The regions of each guess, each turned by {@link #PERSON_HAND_TURNS}, guess by guess. */
    private static List<RotatedRect> views(List<PoseHandRegions.HandGuess> guesses) {
        List<RotatedRect> views = new ArrayList<>();
        for (PoseHandRegions.HandGuess guess : guesses) {
            for (RotatedRect r : guess.regions()) {
                for (double degrees : PERSON_HAND_TURNS) {
                    views.add(r.turned(Math.toRadians(degrees)));
                }
            }
        }
        return views;
    }

    /**
     * {@code hand} with the side of the person's arm it is at, when its own presence is too low for its handedness
     * to mean much: the arm whose wrist is nearest its own (within half the arm's hand size). On the 8 hands with
     * an annotated side that an arm was found at (4 in COCO-WholeBody photos, 4 in Panoptic ones), the pose
     * network's side was right every time.
     */
    private DetectedHand sided(DetectedHand hand, List<PoseHandRegions.HandGuess> arms) {
        if (hand.presence() >= MIN_PRESENCE) {
            return hand;
        }
        PoseHandRegions.HandGuess nearest = null;
        double best = Double.POSITIVE_INFINITY;
        for (PoseHandRegions.HandGuess g : arms) {
            double d = Math.hypot(g.wristX() - hand.image()[0], g.wristY() - hand.image()[1]);
            if (d < 0.5 * g.side() && d < best) {
                best = d;
                nearest = g;
            }
        }
        if (nearest == null) {
            return hand;
        }
        // The pose network names the person's sides as seen in an ordinary photo; a mirrored one swaps them.
        boolean right = nearest.personsRight() != options.mirrored();
        return new DetectedHand(hand.image(), hand.world(), hand.presence(), right ? ARM_SIDE : 1 - ARM_SIDE,
            hand.region());
    }

    /** Square regions of side {@code side} centred at {@code (x, y)}, upright and turned by each quarter turn. */
    private static List<RotatedRect> turns(double x, double y, double side) {
        List<RotatedRect> out = new ArrayList<>();
        for (int quarter = 0; quarter < 4; quarter++) {
            out.add(RotatedRect.square(x, y, side).turned(quarter * Math.PI / 2));
        }
        return out;
    }

    /** The hands at least {@link #MIN_BOX_FILL} of a box whose longer side is {@code boxExtent} (pixels). */
    private static List<DetectedHand> fillingBox(List<DetectedHand> hands, double boxExtent) {
        return hands.stream().filter(hand -> fills(hand, boxExtent)).toList();
    }

    private static boolean fills(DetectedHand hand, double boxExtent) {
        return hand.extent() >= MIN_BOX_FILL * boxExtent;
    }

    private static DetectedHand mostPresent(List<DetectedHand> hands) {
        return hands.stream().max(Comparator.comparingDouble(DetectedHand::presence)).orElseThrow();
    }

    /** Palms in {@code regions}, their hands (presence gated, refined), skipping hands already {@code known}. */
    private List<DetectedHand> handsOfPalms(Pixels px, List<RotatedRect> regions, List<DetectedHand> known) {
        int n = SsdDecoder.PALM.input();
        float[] input = new float[regions.size() * n * n * 3];
        for (int i = 0; i < regions.size(); i++) {
            RegionSampler.sample(px, regions.get(i), n, RegionSampler.Border.ZERO, input, i * n * n * 3);
        }
        List<float[]> out = palms.run(input, regions.size());
        List<SsdDetection> detections = new ArrayList<>();
        for (int i = 0; i < regions.size(); i++) {
            detections.addAll(SsdDecoder.PALM.decode(out.get(0), out.get(1), i, regions.get(i)));
        }
        List<RotatedRect> rois = new ArrayList<>();
        for (SsdDetection palm : WeightedNms.apply(detections, WeightedNms.PALM_THRESHOLD)) {
            RotatedRect roi = HandRegions.fromPalm(palm);
            boolean seen = known.stream().anyMatch(k -> contains(k, palm.keypointX(0), palm.keypointY(0))
                && contains(k, palm.keypointX(2), palm.keypointY(2)));
            if (!seen) {
                rois.add(roi);
            }
        }
        List<DetectedHand> hands = new ArrayList<>();
        for (DetectedHand hand : landmarksIn(px, rois)) {
            if (hand.presence() >= MIN_PRESENCE) {
                hands.add(hand);
            }
        }
        return merged(List.of(), refined(px, hands));
    }

    /**
     * Turns (degrees) of each region a person's hand is looked for in: on the 26 annotated hands of four real-photo
     * sets without a box, PCK@0.2 0.619 with these three, 0.606 with the region alone, 0.586 with five turns
     * (-40 to 40), measured while people were searched before the palm tiles (0.619 with these three after).
     */
    static final double[] PERSON_HAND_TURNS = {-25, 0, 25};
    /**
     * The probability that a hand is on the side the pose network gives its arm (when the hand's presence is low):
     * the arms' sides were right on every annotated hand tried, but the pose network also imagines arms, and such a
     * hand must not outweigh the handedness of a hand the hand network sees well when the two are labelled.
     */
    static final double ARM_SIDE = 0.75;

    /**
     * The hands of the people in the photo that are not {@code known} hands: for each visible wrist, the most
     * present of the landmark network's views of the regions the pose gives it, refined and averaged as a hand in a
     * given box is.
     */
    private List<DetectedHand> handsOfPeople(Pixels px, List<DetectedHand> known,
                                             List<PoseHandRegions.HandGuess> arms) {
        List<PoseHandRegions.HandGuess> guesses = new ArrayList<>();
        for (PoseHandRegions.HandGuess guess : arms) {
            if (known.stream().noneMatch(k -> contains(k, guess.wristX(), guess.wristY()))) {
                guesses.add(guess);
            }
        }
        // All guesses' views in one batch, then each guess's most present view.
        List<DetectedHand> seen = landmarksIn(px, views(guesses));
        List<DetectedHand> best = new ArrayList<>(guesses.size());
        int v = 0;
        for (PoseHandRegions.HandGuess guess : guesses) {
            int n = guess.regions().size() * PERSON_HAND_TURNS.length;
            best.add(mostPresent(seen.subList(v, v + n)));
            v += n;
        }
        List<DetectedHand> hands = new ArrayList<>();
        for (DetectedHand hand : refined(px, best)) {
            DetectedHand averaged = sided(averagedOverViews(px, hand), guesses);
            if (known.stream().noneMatch(k -> same(k, averaged)) && hands.stream().noneMatch(k -> same(k, averaged))) {
                hands.add(averaged);
            }
        }
        return hands;
    }

    /**
     * {@code found} without the hands the tiles found away from every person's hands, in a photo of at most
     * {@value #FEW_PEOPLE} people: the palm detector on a tile fires on faces, feet and pictures on the wall, and the
     * landmark network then gives them presences as high as a real small hand's (0.76-0.88 against 0.66-0.98 on 30
     * gesture photos), but a hand of a photo's few people is at one of their wrists (the pose network places both,
     * visible or not; all 7 such false hands on those photos went, no real one). In a larger group the pose network's few people are not everyone, so nothing is dropped.
     * The hands the whole photo showed ({@code whole}) always stay.
     */
    static List<DetectedHand> atPeoplesHands(List<DetectedHand> found, List<DetectedHand> whole,
                                             PoseHandRegions.PeopleSeen seen) {
        if (seen.persons() == 0 || seen.persons() > FEW_PEOPLE) {
            return found;
        }
        List<DetectedHand> kept = new ArrayList<>(found.size());
        for (DetectedHand hand : found) {
            if (whole.stream().anyMatch(w -> same(w, hand)) || nearAPersonsHand(hand, seen.handPoints())) {
                kept.add(hand);
            }
        }
        return kept;
    }

    /** Whether a person's hand point lies within two hand lengths (plus 10 px) of {@code hand}'s centre. */
    static boolean nearAPersonsHand(DetectedHand hand, List<double[]> handPoints) {
        double[] xy = hand.imageXy();
        double x0 = Double.POSITIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < DetectedHand.JOINTS; j++) {
            x0 = Math.min(x0, xy[2 * j]);
            x1 = Math.max(x1, xy[2 * j]);
            y0 = Math.min(y0, xy[2 * j + 1]);
            y1 = Math.max(y1, xy[2 * j + 1]);
        }
        double reach = 2 * Math.max(x1 - x0, y1 - y0) + 10;
        double cx = (x0 + x1) / 2;
        double cy = (y0 + y1) / 2;
        return handPoints.stream().anyMatch(p -> Math.hypot(p[0] - cx, p[1] - cy) <= reach);
    }

    /** {@code hand} after the configured landmark passes on the regions its landmarks frame. */
    private DetectedHand refined(Pixels px, DetectedHand hand) {
        return refined(px, List.of(hand)).get(0);
    }

    /**
     * {@code hands} after the configured landmark passes on the regions their landmarks frame, all hands of a pass
     * in one batch; a hand whose framed region loses it keeps what was seen.
     */
    private List<DetectedHand> refined(Pixels px, List<DetectedHand> hands) {
        List<DetectedHand> current = new ArrayList<>(hands);
        for (int r = 0; r < options.refinements() && !current.isEmpty(); r++) {
            List<RotatedRect> regions = current.stream().map(h -> HandRegions.fromLandmarks(h.imageXy())).toList();
            List<DetectedHand> next = landmarksIn(px, regions);
            for (int i = 0; i < current.size(); i++) {
                if (next.get(i).presence() >= Math.min(current.get(i).presence(), MIN_PRESENCE)) {
                    current.set(i, next.get(i));
                }
            }
        }
        return current;
    }

    /** The landmark network on each region, in one batch. */
    private List<DetectedHand> landmarksIn(Pixels px, List<RotatedRect> regions) {
        if (regions.isEmpty()) {
            return List.of();
        }
        int n = LandmarkDecoder.INPUT;
        float[] input = new float[regions.size() * n * n * 3];
        for (int i = 0; i < regions.size(); i++) {
            RegionSampler.sample(px, regions.get(i), n, RegionSampler.Border.REPLICATE, input, i * n * n * 3);
        }
        List<float[]> out = landmarks.run(input, regions.size());
        List<DetectedHand> hands = new ArrayList<>(regions.size());
        for (int i = 0; i < regions.size(); i++) {
            hands.add(LandmarkDecoder.decode(out, i, regions.get(i), options.mirrored()));
        }
        return hands;
    }

    /** Overlapping square tiles of side {@code side} covering the image (half a tile apart). */
    static List<RotatedRect> tiles(int width, int height, double side) {
        List<RotatedRect> tiles = new ArrayList<>();
        for (double cy : centres(height, side)) {
            for (double cx : centres(width, side)) {
                tiles.add(RotatedRect.square(cx, cy, side));
            }
        }
        return tiles;
    }

    /** Tile centres along one axis: the first tile starts at 0, the last ends at {@code length} (as letterbox). */
    private static List<Double> centres(int length, double side) {
        List<Double> c = new ArrayList<>();
        if (side >= length) {
            c.add(length / 2.0);
            return c;
        }
        int steps = (int) Math.ceil((length - side) / (side / 2));
        for (int i = 0; i <= steps; i++) {
            c.add(side / 2 + i * (length - side) / steps);
        }
        return c;
    }

    /** {@code a} and {@code b} without repeats of one hand (the more present kept), most present first. */
    static List<DetectedHand> merged(List<DetectedHand> a, List<DetectedHand> b) {
        List<DetectedHand> all = new ArrayList<>(a);
        all.addAll(b);
        all.sort(Comparator.comparingDouble(DetectedHand::presence).reversed());
        List<DetectedHand> out = new ArrayList<>();
        for (DetectedHand h : all) {
            if (out.stream().noneMatch(o -> same(o, h))) {
                out.add(h);
            }
        }
        return out;
    }

    /** Whether two sightings are one hand: their joints are close relative to its size. */
    static boolean same(DetectedHand a, DetectedHand b) {
        double[] p = a.image();
        double[] q = b.image();
        double sum = 0;
        for (int j = 0; j < DetectedHand.JOINTS; j++) {
            sum += Math.hypot(p[3 * j] - q[3 * j], p[3 * j + 1] - q[3 * j + 1]);
        }
        double size = Math.max(Math.max(a.extent(), b.extent()), 1);
        return sum / DetectedHand.JOINTS < SAME_HAND * size;
    }

    private static List<DetectedHand> best(List<DetectedHand> hands, int max) {
        return hands.size() <= max ? List.copyOf(hands) : List.copyOf(hands.subList(0, max));
    }

    private static boolean contains(DetectedHand hand, double x, double y) {
        double[] s = hand.region().toRegion(x, y);
        return s[0] >= 0 && s[0] <= 1 && s[1] >= 0 && s[1] <= 1;
    }

    private static boolean inside(DetectedHand hand, double x, double y, double w, double h) {
        double[] im = hand.image();
        double cx = 0;
        double cy = 0;
        for (int j = 0; j < DetectedHand.JOINTS; j++) {
            cx += im[3 * j] / DetectedHand.JOINTS;
            cy += im[3 * j + 1] / DetectedHand.JOINTS;
        }
        return inside(new double[] {cx, cy}, x, y, w, h);
    }

    private static boolean inside(double[] p, double x, double y, double w, double h) {
        return p[0] >= x && p[0] <= x + w && p[1] >= y && p[1] <= y + h;
    }
}
