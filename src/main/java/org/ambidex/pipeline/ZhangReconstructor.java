package org.ambidex.pipeline;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ambidex.data.Bbox;
import org.ambidex.data.crop.FloatImage;
import org.ambidex.data.crop.InterNetCrop;
import org.ambidex.data.crop.OpenCvAffine;
import org.ambidex.data.crop.OpenCvFixedPointWarp;
import org.ambidex.detect.FinderOptions;
import org.ambidex.geom.Affine2;
import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.Vec3;
import org.ambidex.hand.HandJoint;
import org.ambidex.hand.HandSide;
import org.ambidex.hand.JointOrder;
import org.ambidex.nets.zhang.HeatmapRegistration;
import org.ambidex.nets.zhang.ZhangModel;
import org.ambidex.nets.zhang.ZhangPrediction;
import org.ambidex.nets.zhang.ZhangVariant;

/**
 * Reconstructs both hands with Zhang et al. v2. Input as the reference: about a box, InterNet's test crop
 * ({@link InterNetReconstructor#input}); without one, the demo's image scaled so its longer side is 256 and placed
 * at the top-left of a black 256 x 256 square (OpenCV bilinear on the 8-bit image, float32 matrix). RGB / 255
 * either way.
 *
 * <p>Which box feeds the crop is decided in one place, {@link #cropAbout}: the request's box when it has one (the
 * finder is not run); else the box spanned by every landmark of every hand the real-photo hand finder
 * ({@link HandFinderBoxes}) sees, which InterNet's crop then squares and enlarges as a given box; else, when the
 * finder sees no hand, none: the demo's whole-image input, said in the note. The reconstruction reports the box
 * used ({@code bbox}: the given or found one, the whole image for the demo's input) and the region the network saw.
 *
 * <p>The network predicts no camera. Each hand's mesh and joints (smplx MANO, mm) are kept rigid and placed as
 * follows: the right hand by a weak-perspective fit of its joints (x, y) to InterNet's heat-map argmax (weighted by
 * the maxima; the joints paired by name, heat maps in InterHand2.6M order), whose scale gives the depth of its
 * middle MCP with the given or assumed camera; the left hand's middle MCP at the network's relative placement
 * from the right one ({@code d * exp(log scale)} right-hand lengths, as the demo), unless the right hand is absent,
 * when the left is fitted itself. A given root depth moves the hands along the right middle MCP's ray. 2-D joints
 * are the heat-map argmax, presences InterNet's hand types.
 *
 * <p>This class is the one path from the network's output to a {@link Reconstruction}.
 */
public final class ZhangReconstructor extends BatchReconstructor {

    static final String NOTE = "Zhang et al. predict no camera: hands placed by a weak-perspective fit of the right"
        + " hand's joints to the heat maps and the network's relative placement of the left hand";
    private static final int SIZE = ZhangModel.INPUT_SIZE;
    private static final int HEATMAP = 64;
    /** Depth, metres, of a hand whose fit gives no scale (an arm's length). */
    private static final double FALLBACK_DEPTH = 0.5;
    private final ZhangModel model;
    /** The network's per-hand joint order, and where the middle MCP and the wrist are in it. */
    private final JointOrder order;
    private final int root;
    private final int wrist;
    private final String name;
    private final String handModel;
    private final int[][] faces = new int[2][];
    private final HandFinderBoxes finder;

    /**
     * With the hand finder searching as the default model's does.
     *
     * @param name the model as reported ({@code zhang:PATH})
     */
    public ZhangReconstructor(ZhangModel model, String name) {
        this(model, name, FinderOptions.DEFAULT);
    }

    /**
     * @param name the model as reported ({@code zhang:PATH})
     * @param finderOptions how the hand finder searches a photo given without a box
     */
    public ZhangReconstructor(ZhangModel model, String name, FinderOptions finderOptions) {
        this.model = model;
        this.finder = new HandFinderBoxes(finderOptions);
        this.name = name;
        this.order = model.variant().jointOrder();
        this.root = order.indexOf(HandJoint.MIDDLE_MCP);
        this.wrist = order.indexOf(HandJoint.WRIST);
        this.handModel = name + " (the MANO data in the model file)";
        faces[0] = model.faces(0);
        faces[1] = model.faces(1);
    }

    @Override
    public String model() {
        return name;
    }

    @Override
    public Architecture architecture() {
        return Architectures.named(ZhangArchitecture.name(model.variant())).orElseThrow();
    }

    /**
     * The box Zhang's crop is taken about for {@code image}: {@code given} when there is one; else the extent of the
     * hands the finder sees; {@code null} when it sees none, for the demo's whole-image input.
     */
    Bbox cropAbout(BufferedImage image, Bbox given) {
        return given != null ? given : finder.handsBox(image).orElse(null);
    }

    /** The image-to-input map: InterNet's crop about the box, or the demo's top-left scaling without one. */
    static Affine2 inputTransform(int width, int height, Bbox box) {
        if (box != null) {
            Bbox c = InterNetCrop.processBbox(box);
            return InterNetCrop.patchTransform(c.centreX(), c.centreY(), c.width(), c.height(), SIZE, SIZE, 1.0, 0.0,
                false);
        }
        double ratio = (double) SIZE / Math.max(width, height);
        return OpenCvAffine.toFloat32(new Affine2(ratio, 0, 0, 0, ratio, 0));
    }

    /** The network's input for {@code image}: {@code 3 x 256 x 256} planar RGB / 255. */
    static float[] input(BufferedImage image, Bbox box) {
        FloatImage rgb = FloatImage.ofRgb(image);
        if (box != null) {
            return InterNetReconstructor.input(rgb, InterNetCrop.processBbox(box));
        }
        // The demo warps the 8-bit image as read, so the warped pixels are whole numbers again.
        return OpenCvFixedPointWarp.warpAffine(rgb, inputTransform(image.getWidth(), image.getHeight(), null), SIZE,
            SIZE).toChwDividedBy(255);
    }

    @Override
    List<Reconstruction> reconstructBatch(List<BufferedImage> images, List<ReconstructionRequest> requests) {
        int n = images.size();
        int plane = 3 * SIZE * SIZE;
        float[] in = new float[n * plane];
        Bbox[] boxes = new Bbox[n];
        for (int i = 0; i < n; i++) {
            boxes[i] = cropAbout(images.get(i), requests.get(i).bbox());
            System.arraycopy(input(images.get(i), boxes[i]), 0, in, i * plane, plane);
        }
        List<ZhangPrediction> out = model.predict(in, n);
        List<Reconstruction> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            BufferedImage image = images.get(i);
            results.add(toReconstruction(out.get(i), requests.get(i), boxes[i], image.getWidth(), image.getHeight()));
        }
        return results;
    }

    /**
     * The network's output for one image as both hands in the (given or assumed) camera frame.
     *
     * @param box the box the input was cropped about ({@link #cropAbout}), or {@code null} for the demo's input
     */
    Reconstruction toReconstruction(ZhangPrediction p, ReconstructionRequest request, Bbox box, int w, int h) {
        boolean assumed = request.intrinsics() == null;
        Intrinsics k = AssumedCamera.orGiven(request, w, h);
        Affine2 toInput = inputTransform(w, h, box);
        Affine2 toImage = toInput.inverse();
        boolean[] present = {p.handType()[0] > HandReconstruction.PRESENT, p.handType()[1] > HandReconstruction.PRESENT};
        double[][] joints = new double[2][];
        double[][] verts = new double[2][];
        for (int hand = 0; hand < 2; hand++) {
            joints[hand] = Arrays.copyOfRange(p.joints(), 63 * hand, 63 * hand + 63);
            verts[hand] = Arrays.copyOfRange(p.vertices(), 2334 * hand, 2334 * hand + 2334);
        }
        // Middle MCPs in the camera frame, metres.
        Vec3[] roots = new Vec3[2];
        int reference = !present[0] && present[1] ? 1 : 0;
        roots[reference] = fittedRoot(p, reference, joints[reference], toImage, k);
        int other = 1 - reference;
        if (reference == 0) {
            double lengthRight = length(joints[0]);
            double scale = Math.exp(p.placement()[0]) * lengthRight / 1000;
            roots[1] = roots[0].plus(new Vec3(p.placement()[1], p.placement()[2], p.placement()[3]).times(scale));
        } else {
            roots[other] = fittedRoot(p, other, joints[other], toImage, k);
        }
        if (request.perHandRootDepths()) {
            // Each hand along its own ray to its wrist's given depth (an absent hand's annotated depth may be 0).
            double[] depths = {request.rootDepth(), request.leftRootDepth()};
            for (int hand = 0; hand < 2; hand++) {
                if (depths[hand] > 0) {
                    roots[hand] = roots[hand].times(rayScale(roots[hand], joints[hand], depths[hand]));
                }
            }
        } else if (request.rootDepth() != null) {
            // Along the reference hand's ray, so its wrist lies at the given depth; the other hand keeps its offset.
            Vec3 moved = roots[reference].times(rayScale(roots[reference], joints[reference], request.rootDepth()));
            roots[other] = roots[other].plus(moved.minus(roots[reference]));
            roots[reference] = moved;
        }
        List<HandReconstruction> hands = new ArrayList<>(2);
        double[][] wrists = new double[2][];
        for (int hand = 0; hand < 2; hand++) {
            double[] mcp = {joints[hand][3 * root], joints[hand][3 * root + 1], joints[hand][3 * root + 2]};
            double[] placedJoints = placed(joints[hand], mcp, roots[hand]);
            double[] placedVerts = placed(verts[hand], mcp, roots[hand]);
            double[] op = JointOrder.OPENPOSE.convert(placedJoints, order, 3);
            wrists[hand] = Arrays.copyOfRange(op, 0, 3);
            double[] rel = new double[21];
            for (int j = 0; j < 21; j++) {
                rel[j] = op[3 * j + 2] - op[2];
            }
            int[] gather = JointOrder.gatherFromInterHand42(HandSide.ofIndex(hand));
            double[] uv = new double[42];
            double[] scores = new double[21];
            for (int j = 0; j < 21; j++) {
                int c = gather[j];
                double[] q = toImage.apply(p.heatmapXy()[2 * c] * SIZE / HEATMAP, p.heatmapXy()[2 * c + 1] * SIZE / HEATMAP);
                uv[2 * j] = q[0];
                uv[2 * j + 1] = q[1];
                scores[j] = p.heatmapMax()[c];
            }
            HandMesh mesh = new HandMesh(placedVerts, faces[hand], handModel,
                parameters(p, hand, placedJoints, joints[hand]));
            hands.add(new HandReconstruction(HandSide.ofIndex(hand), p.handType()[hand], uv, rel, op, scores, mesh));
        }
        Vec3 relativeRoot = new Vec3(wrists[1][0] - wrists[0][0], wrists[1][1] - wrists[0][1],
            wrists[1][2] - wrists[0][2]);
        double[] corner = toImage.apply(0, 0);
        double[] far = toImage.apply(SIZE, SIZE);
        Bbox cropBox = new Bbox(corner[0], corner[1], far[0] - corner[0], far[1] - corner[1]);
        ValueSource depthSource = request.rootDepth() == null ? ValueSource.ESTIMATED : ValueSource.GIVEN;
        // Without a box, only the finder's seeing no hand leads to the demo's input.
        String note = box == null
            ? HandFinderBoxes.wholeImageNote("Zhang et al.", "the demo's input") + ". " + NOTE : NOTE;
        return new Reconstruction(name, w, h, box == null ? new Bbox(0, 0, w, h) : box, cropBox, hands, k,
            assumed ? ValueSource.ASSUMED : ValueSource.GIVEN, wrists[reference][2], depthSource, relativeRoot.z(),
            relativeRoot, note);
    }

    /**
     * The middle MCP of hand {@code hand}, metres, from the weak-perspective fit of its joints (mm) to its heat-map
     * argmax: {@code 4 s} input pixels per mm puts it at depth {@code f_input / (4000 s)}.
     */
    private Vec3 fittedRoot(ZhangPrediction p, int hand, double[] joints, Affine2 toImage, Intrinsics k) {
        int[] gather = JointOrder.gatherFromInterHand42(HandSide.ofIndex(hand)); // OpenPose slot -> heat-map channel
        int[] fromMano = JointOrder.OPENPOSE.gatherFrom(order);
        float[] xyc = new float[63];
        float[] xyz = new float[63];
        for (int j = 0; j < 21; j++) {
            int c = gather[j];
            xyc[3 * j] = (float) p.heatmapXy()[2 * c];
            xyc[3 * j + 1] = (float) p.heatmapXy()[2 * c + 1];
            xyc[3 * j + 2] = (float) Math.max(p.heatmapMax()[c], 0);
            int m = fromMano[j];
            xyz[3 * j] = (float) joints[3 * m];
            xyz[3 * j + 1] = (float) joints[3 * m + 1];
        }
        double[] st = HeatmapRegistration.fit(xyc, xyz, 0, 21);
        if (!(Double.isFinite(st[0]) && Double.isFinite(st[1]) && Double.isFinite(st[2]))) {
            // No usable fit (every heat map without a positive maximum): the hand at the input's centre.
            st = new double[] {0, HEATMAP / 2.0, HEATMAP / 2.0};
        }
        double pixelsPerMm = Math.abs(st[0]) * SIZE / HEATMAP;
        // The image's pixels per input pixel, from the input transform (no rotation, square scaling).
        double[] o = toImage.apply(0, 0);
        double[] e = toImage.apply(1, 0);
        double imagePerInput = Math.hypot(e[0] - o[0], e[1] - o[1]);
        double f = (k.fx() + k.fy()) / 2;
        double fInput = f / imagePerInput;
        double z = pixelsPerMm > 0 && Double.isFinite(pixelsPerMm) ? fInput / (pixelsPerMm * 1000) : FALLBACK_DEPTH;
        double u = (st[0] * joints[3 * root] + st[1]) * SIZE / HEATMAP;
        double v = (st[0] * joints[3 * root + 1] + st[2]) * SIZE / HEATMAP;
        double[] q = toImage.apply(u, v);
        return k.unproject(q[0], q[1], z);
    }

    /** The factor moving middle MCP {@code at} along its ray so that the hand's wrist lies at {@code depth}. */
    private double rayScale(Vec3 at, double[] mmJoints, double depth) {
        double wristOffset = (mmJoints[3 * wrist + 2] - mmJoints[3 * root + 2]) / 1000;
        return (depth - wristOffset) / at.z();
    }

    /** |middle MCP - wrist| of a hand's joints (mm). */
    private double length(double[] joints) {
        return Math.sqrt(sq(joints[3 * root] - joints[3 * wrist]) + sq(joints[3 * root + 1] - joints[3 * wrist + 1])
            + sq(joints[3 * root + 2] - joints[3 * wrist + 2]));
    }

    private static double sq(double x) {
        return x * x;
    }

    /** Packed mm points moved so that {@code root} (mm) lands on {@code at} (metres); metres out. */
    private static double[] placed(double[] mm, double[] root, Vec3 at) {
        double[] out = new double[mm.length];
        for (int i = 0; i < mm.length; i += 3) {
            out[i] = (mm[i] - root[0]) / 1000 + at.x();
            out[i + 1] = (mm[i + 1] - root[1]) / 1000 + at.y();
            out[i + 2] = (mm[i + 2] - root[2]) / 1000 + at.z();
        }
        return out;
    }

    private Map<String, double[]> parameters(ZhangPrediction p, int hand, double[] placedJoints, double[] mmJoints) {
        double[] pose = p.pose()[hand];
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("global_orient", Arrays.copyOfRange(pose, 0, 3));
        m.put("hand_pose", Arrays.copyOfRange(pose, 3, 48));
        m.put("betas", p.shape()[hand].clone());
        // MANO without translation (metres) plus this gives the placed mesh: the stored transl plus the placement.
        // (v1's layer centres each hand on its middle MCP, which the parameters alone do not give: no transl.)
        double[] stored = model.storedTranslation(hand);
        if (model.variant() == ZhangVariant.V2) {
            m.put("transl", new double[] {stored[0] + placedJoints[0] - mmJoints[0] / 1000,
                stored[1] + placedJoints[1] - mmJoints[1] / 1000, stored[2] + placedJoints[2] - mmJoints[2] / 1000});
        }
        if (hand == 1) {
            m.put("placement", p.placement().clone());
        }
        return m;
    }

    @Override
    public void close() {
        model.close();
        finder.close();
    }
}
