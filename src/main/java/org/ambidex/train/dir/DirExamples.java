package org.ambidex.train.dir;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.ambidex.data.ManoParams;
import org.ambidex.data.Sample;
import org.ambidex.data.crop.FloatImage;
import org.ambidex.data.crop.IntagHandCrop;
import org.ambidex.geom.Affine2;
import org.ambidex.geom.Intrinsics;
import org.ambidex.hand.FingertipSet;
import org.ambidex.hand.HandLayer;
import org.ambidex.hand.HandOutput;
import org.ambidex.hand.HandParams;
import org.ambidex.train.ManoPosing;
import org.ambidex.hand.JointOrder;
import org.ambidex.nets.dir.DirInput;

/**
 * Makes {@link DirExample}s from InterHand2.6M-format samples as IntagHand's data preparation and DIR's loader
 * do: both hands' meshes from the camera-frame MANO parameters (hand mean added, IntagHand's fingertip vertices
 * 745, 317, 444, 556, 673, OpenPose order), the crop about their projected vertices ({@link IntagHandCrop}, OpenCV's
 * fixed-point warp), 2-D targets as {@code uv / 256 * 2 - 1}, and the seg and dense maps of {@link DirTargetMaps}.
 * No augmentation: the reference's ({@code imgUtils} of {@code utils/utils.py}) is not in its repository.
 */
public final class DirExamples {

    private static final int SIZE = IntagHandCrop.IMG_SIZE;

    private final HandLayer[] layers;
    private final NDManager manager;
    private final int[][] faces;
    private final float[][] colours;

    /**
     * @param right the right hand's model layer (778 vertices)
     * @param left the left hand's
     * @param manager where the layers' inputs are made (on the layers' device; float32 layers)
     */
    public DirExamples(HandLayer right, HandLayer left, NDManager manager) {
        this.layers = new HandLayer[] {right, left};
        this.manager = manager;
        this.faces = new int[2][];
        this.colours = new float[2][];
        for (int h = 0; h < 2; h++) {
            float[] f = layers[h].model().faces().toFloatArray();
            faces[h] = new int[f.length];
            for (int i = 0; i < f.length; i++) {
                faces[h][i] = Math.round(f[i]);
            }
            colours[h] = templateColours(layers[h].model().vTemplate().toFloatArray());
        }
    }

    /** Whether {@code sample} can train DIR: both hands have camera-frame MANO parameters. */
    public static boolean usable(Sample sample) {
        return sample.manoCamera() != null && sample.manoCamera().right() != null
            && sample.manoCamera().left() != null;
    }

    /** The example of {@code sample}, whose image is {@code image} (8-bit RGB as floats). */
    public DirExample make(Sample sample, FloatImage image) {
        Intrinsics k = sample.camera().intrinsics();
        double[][] vertices = new double[2][];
        double[][] joints = new double[2][];
        for (int h = 0; h < 2; h++) {
            double[][] vj = pose(layers[h], manager, sample.manoCamera().get(h));
            vertices[h] = vj[0];
            joints[h] = vj[1];
        }
        int nv = vertices[0].length / 3;
        double[] all = new double[2 * nv * 2];
        double[][] px = new double[2][];
        double[][] depth = new double[2][];
        for (int h = 0; h < 2; h++) {
            px[h] = k.projectAll(vertices[h]);
            System.arraycopy(px[h], 0, all, h * nv * 2, nv * 2);
        }
        IntagHandCrop crop = IntagHandCrop.of(all, k);
        Affine2 map = crop.map();
        float[] input = new float[3 * SIZE * SIZE];
        DirInput.normalise(crop.apply(image).toArray(), SIZE, input, 0);
        float[][] jointUv = new float[2][];
        float[][] meshUv = new float[2][];
        double[][] cropPx = new double[2][];
        for (int h = 0; h < 2; h++) {
            cropPx[h] = map.applyAll(px[h]);
            meshUv[h] = normalised(cropPx[h]);
            jointUv[h] = normalised(map.applyAll(k.projectAll(joints[h])));
            depth[h] = new double[nv];
            for (int v = 0; v < nv; v++) {
                depth[h][v] = vertices[h][3 * v + 2];
            }
        }
        DirTargetMaps.Maps maps = DirTargetMaps.draw(SIZE, cropPx, depth, colours, faces);
        return new DirExample(input, jointUv, meshUv, floats(joints), floats(vertices), maps.labels(),
            maps.dense());
    }

    /** The faces of hand {@code h} (F x 3). */
    public int[] faces(int h) {
        return faces[h].clone();
    }

    private static double[][] pose(HandLayer layer, NDManager manager, ManoParams p) {
        try (ai.djl.ndarray.NDScope ignored = new ai.djl.ndarray.NDScope(); NDManager m = manager.newSubManager()) {
            HandParams params = ManoPosing.params(p, m);
            HandOutput out = layer.forward(params, FingertipSet.INTAGHAND, JointOrder.OPENPOSE);
            return new double[][] {toDoubles(out.vertices().toType(DataType.FLOAT32, false).toFloatArray()),
                toDoubles(out.keypoints().toType(DataType.FLOAT32, false).toFloatArray())};
        }
    }

    /** Each template vertex's position scaled into [0, 1] over the template's bounding box: its dense colour. */
    private static float[] templateColours(float[] template) {
        float[] lo = {Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE};
        float[] hi = {-Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE};
        for (int i = 0; i < template.length; i++) {
            lo[i % 3] = Math.min(lo[i % 3], template[i]);
            hi[i % 3] = Math.max(hi[i % 3], template[i]);
        }
        float[] c = new float[template.length];
        for (int i = 0; i < template.length; i++) {
            float span = hi[i % 3] - lo[i % 3];
            c[i] = span > 0 ? (template[i] - lo[i % 3]) / span : 0;
        }
        return c;
    }



    private static float[] normalised(double[] px) {
        float[] out = new float[px.length];
        for (int i = 0; i < px.length; i++) {
            out[i] = (float) (px[i] / SIZE * 2 - 1);
        }
        return out;
    }

    private static float[][] floats(double[][] a) {
        float[][] out = new float[a.length][];
        for (int h = 0; h < a.length; h++) {
            out[h] = toFloats(a[h]);
        }
        return out;
    }

    private static float[] toFloats(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }

    private static double[] toDoubles(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
