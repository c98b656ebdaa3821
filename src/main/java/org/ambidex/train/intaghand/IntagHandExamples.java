package org.ambidex.train.intaghand;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.ambidex.data.HandType;
import org.ambidex.data.ManoParams;
import org.ambidex.data.Sample;
import org.ambidex.data.crop.FloatImage;
import org.ambidex.data.crop.IntagHandCrop;
import org.ambidex.data.crop.OpenCvAffine;
import org.ambidex.data.crop.OpenCvFixedPointWarp;
import org.ambidex.geom.Affine2;
import org.ambidex.geom.Camera;
import org.ambidex.geom.Intrinsics;
import org.ambidex.hand.FingertipSet;
import org.ambidex.hand.HandLayer;
import org.ambidex.hand.HandOutput;
import org.ambidex.hand.HandParams;
import org.ambidex.train.ManoPosing;
import org.ambidex.hand.JointOrder;
import org.ambidex.io.mesh.Mesh;
import org.ambidex.nets.intaghand.IntagHandInput;
import org.ambidex.render.Lighting;
import org.ambidex.render.Palette;
import org.ambidex.render.Scene;
import org.ambidex.render.SceneMesh;
import org.ambidex.render.VertexValueMap;

/**
 * Makes {@link IntagHandExample}s from InterHand2.6M-format samples as IntagHand's data preparation
 * ({@code dataset/interhand.py}: {@code cut_inter_img}, {@code render_data}) and loader ({@code core/loader.py})
 * do, without the files in between:
 * <ol>
 * <li>both hands' meshes and joints from the camera-frame MANO parameters (hand mean added; joints by MANO's
 *     regressor plus the tips 745, 317, 444, 556, 673 in OpenPose order, joint 9 the middle MCP);</li>
 * <li>the crop about both meshes' projected vertices ({@link IntagHandCrop}, OpenCV's fixed-point warp) and its
 *     intrinsics;</li>
 * <li>the offline renders in that crop: the mask (right hand 255 in one channel, left in another, background 1)
 *     and the dense-pose map (vertex colours {@code dense_coor} x 255, background 1) by {@link VertexValueMap} (one
 *     sample at each pixel centre, nearest surface), rounded to 8 bits; the heat maps of {@link IntagHandMaps};</li>
 * <li>the augmentation: crop, mask and dense map warped by {@link IntagHandAugmentation#imageMap} (fixed point,
 *     zero border), the heat maps scaled up to 256 and warped likewise (in floats); the colour change on the crop;
 *     the 2-D targets mapped and the 3-D ones rotated about the optical axis; then the flip (images mirrored,
 *     {@code x -> 256 - x} in 2-D, {@code x -> -x} in 3-D, hands, mask channels and heat-map halves swapped,
 *     {@code root_rel[1:]} negated);</li>
 * <li>the mask and dense map scaled to 64 ({@code cv.resize}, bilinear, 8-bit), the mask thresholded at 127; the
 *     heat maps likewise scaled down, {@code / 255};</li>
 * <li>each hand's 3-D targets about its middle MCP, all scaled so that the two hands' mean wrist-to-middle-MCP
 *     length is {@link #BONE_LENGTH}.</li>
 * </ol>
 */
public final class IntagHandExamples {

    /** {@code BONE_LENGTH}, the reference's length unit. */
    public static final double BONE_LENGTH = 0.095;
    /** The crop side. */
    public static final int SIZE = IntagHandCrop.IMG_SIZE;
    /** The side of the auxiliary targets ({@code IMG_SIZE // 2^(6 - 4)}). */
    public static final int AUX_SIZE = 64;
    private static final int ROOT = 9;
    private static final int WRIST = 0;
    private static final int JOINTS = 21;
    /** What the reference's renders hold where no hand is: pytorch3d's white background, divided by 255 once. */
    private static final float RENDER_BACKGROUND = 1;

    private final HandLayer[] layers;
    private final NDManager manager;
    private final int[][] faces;
    private final float[] denseColours;

    /**
     * @param left the left hand's model layer (778 vertices, float32)
     * @param right the right hand's
     * @param manager where the layers' inputs are made
     * @param denseColours {@code (778, 3)} vertex colours in [0, 1] of the dense-pose map: the network's
     *     {@code decoder.dense_coor}, the reference's {@code v_color.pkl}
     */
    public IntagHandExamples(HandLayer left, HandLayer right, NDManager manager, float[] denseColours) {
        this.layers = new HandLayer[] {left, right};
        this.manager = manager;
        this.faces = new int[2][];
        for (int h = 0; h < 2; h++) {
            long[] f = layers[h].model().faces().toLongArray();
            faces[h] = new int[f.length];
            for (int i = 0; i < f.length; i++) {
                faces[h][i] = Math.toIntExact(f[i]);
            }
            if (layers[h].model().vertexCount() * 3 != denseColours.length) {
                throw new IllegalArgumentException("dense colours for " + denseColours.length / 3 + " vertices, the"
                    + " hand model has " + layers[h].model().vertexCount());
            }
        }
        this.denseColours = denseColours.clone();
    }

    /**
     * Whether the reference trains on {@code sample}: an interacting frame whose hand type is valid, with both
     * hands' MANO fits ({@code cut_inter_img}'s selection).
     */
    public static boolean usable(Sample sample) {
        return sample.handType() == HandType.INTERACTING && sample.handTypeValid() && sample.manoCamera() != null
            && sample.manoCamera().right() != null && sample.manoCamera().left() != null;
    }

    /** The example of {@code sample}, whose image is {@code image} (8-bit RGB as floats), augmented by {@code aug}. */
    public IntagHandExample make(Sample sample, FloatImage image, IntagHandAugmentation aug) {
        return example(frame(sample, image), aug);
    }

    /** What the reference's data preparation makes of {@code sample} (image {@code image}, 8-bit RGB as floats). */
    public IntagHandFrame frame(Sample sample, FloatImage image) {
        Intrinsics k = sample.camera().intrinsics();
        ManoParams[] params = {sample.manoCamera().left(), sample.manoCamera().right()};
        double[][] verts = new double[2][];
        double[][] joints = new double[2][];
        for (int h = 0; h < 2; h++) {
            double[][] vj = pose(layers[h], params[h]);
            verts[h] = vj[0];
            joints[h] = vj[1];
        }
        int nv = verts[0].length / 3;
        double[] both = new double[4 * nv];
        System.arraycopy(k.projectAll(verts[0]), 0, both, 0, 2 * nv);
        System.arraycopy(k.projectAll(verts[1]), 0, both, 2 * nv, 2 * nv);
        IntagHandCrop crop = IntagHandCrop.of(both, k);
        Renders renders = render(verts, crop.intrinsics());
        double[][] v2d = new double[2][];
        double[][] j2d = new double[2][];
        FloatImage[] hms = new FloatImage[2];
        for (int h = 0; h < 2; h++) {
            v2d[h] = crop.map().applyAll(k.projectAll(verts[h]));
            j2d[h] = crop.map().applyAll(k.projectAll(joints[h]));
            hms[h] = IntagHandMaps.heatmaps(j2d[h], SIZE);
        }
        return new IntagHandFrame(crop.apply(image), renders.mask, renders.dense, hms, v2d, verts, joints, j2d);
    }

    /** The loader's example of {@code f} ({@code process_data} in training mode) with augmentation {@code aug}. */
    public static IntagHandExample example(IntagHandFrame f, IntagHandAugmentation aug) {
        Affine2 aff = aug.imageMap(SIZE);
        FloatImage img = OpenCvFixedPointWarp.warpAffine(f.crop(), aff, SIZE, SIZE);
        img = IntagHandMaps.colour(img, aug.gains(), aug.offset());
        FloatImage mask = OpenCvFixedPointWarp.warpAffine(f.mask(), aff, SIZE, SIZE);
        FloatImage dense = OpenCvFixedPointWarp.warpAffine(f.dense(), aff, SIZE, SIZE);
        double[][] v2d = new double[2][];
        FloatImage[] hms = new FloatImage[2];
        double[][] verts = new double[2][];
        double[][] joints = new double[2][];
        double[] r = aug.rotation3d();
        for (int h = 0; h < 2; h++) {
            v2d[h] = aff.applyAll(f.verts2d()[h]);
            hms[h] = OpenCvAffine.warpAffine(IntagHandMaps.upFour(f.heatmaps()[h]), aff, SIZE, SIZE);
            // 3-D: rotated about the optical axis with the image
            verts[h] = rotated(f.verts3d()[h], r);
            joints[h] = rotated(f.joints3d()[h], r);
        }
        if (aug.flip()) {
            img = img.flippedHorizontally();
            mask = mask.flippedHorizontally();
            dense = dense.flippedHorizontally();
            hms[0] = hms[0].flippedHorizontally();
            hms[1] = hms[1].flippedHorizontally();
        }

        // each hand about its middle MCP, scaled to the reference's bone length
        double[][] roots = {point(joints[0], ROOT), point(joints[1], ROOT)};
        double length = (distance(joints[0], ROOT, WRIST) + distance(joints[1], ROOT, WRIST)) / 2;
        double scale = BONE_LENGTH / length;
        double[] rootRel = new double[3];
        for (int i = 0; i < 3; i++) {
            rootRel[i] = (roots[1][i] - roots[0][i]) * scale;
        }
        double[][] v3d = new double[2][];
        for (int h = 0; h < 2; h++) {
            v3d[h] = new double[verts[h].length];
            for (int i = 0; i < verts[h].length; i++) {
                v3d[h][i] = (verts[h][i] - roots[h][i % 3]) * scale;
            }
        }
        int first = 0;
        int second = 1;
        if (aug.flip()) {
            rootRel[1] = -rootRel[1];
            rootRel[2] = -rootRel[2];
            for (int h = 0; h < 2; h++) {
                for (int i = 0; i < v2d[h].length; i += 2) {
                    v2d[h][i] = SIZE - v2d[h][i];
                }
                for (int i = 0; i < v3d[h].length; i += 3) {
                    v3d[h][i] = -v3d[h][i];
                }
            }
            // the mirrored left hand is the new right one
            first = 1;
            second = 0;
        }

        float[] maskSmall = IntagHandMaps.downFour(mask, true);
        int plane = AUX_SIZE * AUX_SIZE;
        float[] maskTarget = new float[2 * plane];
        // mask channel 0 holds the right hand, 1 the left; a flip swaps them
        int rightChannel = aug.flip() ? 1 : 0;
        for (int i = 0; i < plane; i++) {
            maskTarget[rightChannel * plane + i] = maskSmall[i] > 127 ? 1 : 0;
            maskTarget[(1 - rightChannel) * plane + i] = maskSmall[plane + i] > 127 ? 1 : 0;
        }
        float[] denseTarget = IntagHandMaps.downFour(dense, true);
        for (int i = 0; i < denseTarget.length; i++) {
            denseTarget[i] /= 255f;
        }
        float[] heatmaps = new float[2 * JOINTS * plane];
        float[] firstHm = IntagHandMaps.downFour(hms[first], false);
        float[] secondHm = IntagHandMaps.downFour(hms[second], false);
        for (int i = 0; i < firstHm.length; i++) {
            heatmaps[i] = firstHm[i] / 255f;
            heatmaps[firstHm.length + i] = secondHm[i] / 255f;
        }
        return new IntagHandExample(IntagHandInput.of(img.toArray()), floats(v3d[first]), floats(v3d[second]),
            floats(v2d[first]), floats(v2d[second]), floats(rootRel), maskTarget, denseTarget, heatmaps);
    }

    /** The mask (right hand channel 0, left channel 1) and dense renders as 8-bit images. */
    private record Renders(FloatImage mask, FloatImage dense) {
    }

    private Renders render(double[][] verts, Intrinsics cropK) {
        // pytorch3d's pixel j is centred at screen coordinate j + 1/2 (align_corners=False), and the reference
        // gives it the crop's OpenCV intrinsics as screen coordinates: its renders sit half a pixel up and left
        // of the crop. ambidex's renderer centres pixel j at j, so the principal point moves by -1/2.
        Intrinsics k = new Intrinsics(cropK.fx(), cropK.fy(), cropK.cx() - 0.5, cropK.cy() - 0.5);
        Scene scene = new Scene(List.of(SceneMesh.of(Mesh.of("left", verts[0], faces[0])),
            SceneMesh.of(Mesh.of("right", verts[1], faces[1]))), Camera.atOrigin(k), SIZE, SIZE, null,
            Palette.BACKGROUND, 1, 1, Lighting.DEFAULT);
        VertexValueMap map = VertexValueMap.draw(scene, List.of(denseColours, denseColours), 3);
        int plane = SIZE * SIZE;
        float[] mask = new float[2 * plane];
        float[] dense = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            int m = map.mesh()[i];
            mask[2 * i] = m < 0 ? RENDER_BACKGROUND : m == 1 ? 255 : 0;
            mask[2 * i + 1] = m < 0 ? RENDER_BACKGROUND : m == 0 ? 255 : 0;
            for (int c = 0; c < 3; c++) {
                dense[3 * i + c] = m < 0 ? RENDER_BACKGROUND : (float) Math.rint(map.values()[c * plane + i] * 255f);
            }
        }
        return new Renders(FloatImage.of(SIZE, SIZE, 2, mask), FloatImage.of(SIZE, SIZE, 3, dense));
    }

    /** Vertices and joints (21, OpenPose order, IntagHand's tips) of one hand in the camera frame, metres. */
    private double[][] pose(HandLayer layer, ManoParams p) {
        try (NDScope ignored = new NDScope(); NDManager m = manager.newSubManager()) {
            HandParams hp = ManoPosing.params(p, m);
            HandOutput out = layer.forward(hp, FingertipSet.INTAGHAND, JointOrder.OPENPOSE);
            return new double[][] {doubles(out.vertices().toType(DataType.FLOAT32, false).toFloatArray()),
                doubles(out.keypoints().toType(DataType.FLOAT32, false).toFloatArray())};
        }
    }



    /** {@code points @ r.T} for row-major {@code r}. */
    private static double[] rotated(double[] points, double[] r) {
        double[] out = new double[points.length];
        for (int i = 0; i < points.length; i += 3) {
            for (int row = 0; row < 3; row++) {
                out[i + row] = r[3 * row] * points[i] + r[3 * row + 1] * points[i + 1] + r[3 * row + 2] * points[i + 2];
            }
        }
        return out;
    }

    private static double[] point(double[] xyz, int i) {
        return new double[] {xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]};
    }

    private static double distance(double[] xyz, int a, int b) {
        double dx = xyz[3 * a] - xyz[3 * b];
        double dy = xyz[3 * a + 1] - xyz[3 * b + 1];
        double dz = xyz[3 * a + 2] - xyz[3 * b + 2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    private static float[] floats(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }

    private static double[] doubles(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
