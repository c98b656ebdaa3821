package org.ambidex.train.zhang;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import java.util.SplittableRandom;
import org.ambidex.data.HandType;
import org.ambidex.data.ManoParams;
import org.ambidex.data.Sample;
import org.ambidex.data.crop.FloatImage;
import org.ambidex.data.crop.InterNetAugmentation;
import org.ambidex.data.crop.InterNetCrop;
import org.ambidex.data.crop.InterNetInput;
import org.ambidex.data.crop.InterNetPreprocessing;
import org.ambidex.geom.Extrinsics;
import org.ambidex.geom.Vec3;
import org.ambidex.hand.FingertipSet;
import org.ambidex.hand.HandLayer;
import org.ambidex.hand.HandParams;
import org.ambidex.train.ManoPosing;
import org.ambidex.hand.JointOrder;

/**
 * Makes {@link ZhangExample}s from InterHand2.6M-format samples as the v2 reference's {@code Dataset} does:
 * <ul>
 *   <li>ground-truth joints from the frame's NeuralAnnot MANO parameters (world frame, hand mean added, smplx's 16
 *       joints then the tip vertices 745, 317, 444, 556, 673), in mm, moved into the camera frame;</li>
 *   <li>joint validity: the annotation's 21 flags of a hand taken slot for slot onto the MANO-ordered joints and
 *       multiplied by the hand's flags 4 and 0, as the reference's code does (its flags are in InterHand2.6M order,
 *       so slot 4 is the index tip and slot 0 the thumb tip, where the code meant the middle MCP and the wrist);
 *       a hand without MANO parameters is invalid throughout;</li>
 *   <li>InterNet's augmentation and crop ({@link InterNetPreprocessing}: box shift, scale, rotation, flip, colour,
 *       then RGB / 255); flipping negates the joints' x and swaps the hands' joints, flags, betas and presence
 *       (not the MANO-validity pair, which the reference leaves as loaded); the in-plane rotation turns the joints'
 *       (x, y) by {@code [[cos, sin], [-sin, cos]]}.</li>
 * </ul>
 */
public final class ZhangExamples {

    private static final int JOINTS = 21;

    private final HandLayer[] layers;
    private final NDManager manager;

    /**
     * @param right the right hand's MANO layer (float32; 778 vertices for the tips to be MANO's)
     * @param left the left hand's (its shape-direction fix applied, as the reference applies it)
     * @param manager where the layers' inputs are made
     */
    public ZhangExamples(HandLayer right, HandLayer left, NDManager manager) {
        this.layers = new HandLayer[] {right, left};
        this.manager = manager;
    }

    /**
     * Whether the reference trains on {@code sample}: an interacting-hands annotation ({@code use_sh=False}) whose
     * frame has MANO parameters for at least one hand (the reference keeps a frame listed in the MANO file even when
     * both hands' entries are empty, which then contributes only its regulariser; ambidex cannot tell such a frame
     * from an unlisted one and leaves both out).
     */
    public static boolean usable(Sample sample) {
        return sample.handType() == HandType.INTERACTING
            && (sample.manoWorld().right() != null || sample.manoWorld().left() != null);
    }

    /**
     * The example of {@code sample}, whose image is {@code image} (8-bit RGB as floats), augmented from
     * {@code SplittableRandom(seed)} when {@code augment}.
     */
    public ZhangExample make(Sample sample, FloatImage image, long seed, boolean augment) {
        return make(sample, image, augment ? InterNetAugmentation.sample(new SplittableRandom(seed))
            : InterNetAugmentation.none());
    }

    /** The example of {@code sample} under the augmentation {@code aug}. */
    public ZhangExample make(Sample sample, FloatImage image, InterNetAugmentation aug) {
        float[][] joints = new float[2][];
        float[][] valid = new float[2][];
        float[][] betas = new float[2][];
        float[] manoValid = new float[2];
        boolean[] flags = sample.jointValid();
        for (int h = 0; h < 2; h++) {
            ManoParams p = sample.manoWorld().get(h);
            valid[h] = new float[JOINTS];
            betas[h] = new float[10];
            if (p == null) {
                continue;
            }
            manoValid[h] = 1;
            joints[h] = cameraJoints(layers[h], p, sample.camera().extrinsics());
            int o = h * JOINTS;
            boolean hand = flags[o + 4] && flags[o];
            for (int k = 0; k < JOINTS; k++) {
                valid[h][k] = flags[o + k] && hand ? 1 : 0;
            }
            double[] shape = p.shape();
            for (int k = 0; k < 10; k++) {
                betas[h][k] = (float) shape[k];
            }
        }
        for (int h = 0; h < 2; h++) {
            if (joints[h] == null) {
                // The reference's zeros would give a zero length, and its torch.where keeps the resulting NaN out;
                // ZhangLoss masks by multiplying, so the stand-in must be finite. Every term it enters is masked.
                joints[h] = joints[1 - h].clone();
            }
        }
        InterNetInput input = InterNetPreprocessing.prepare(sample, image, InterNetCrop.processBbox(sample.bbox()),
            aug);
        // float32 pixels divided by 255, as the reference's ToTensor on a float array
        float[] chw = input.patch().toChwDividedBy(255);
        int first = aug.flip() ? 1 : 0;
        float[] allJoints = new float[2 * JOINTS * 3];
        float[] allValid = new float[2 * JOINTS];
        float[] allBetas = new float[20];
        for (int slot = 0; slot < 2; slot++) {
            int h = slot == 0 ? first : 1 - first;
            System.arraycopy(joints[h], 0, allJoints, slot * JOINTS * 3, JOINTS * 3);
            System.arraycopy(valid[h], 0, allValid, slot * JOINTS, JOINTS);
            System.arraycopy(betas[h], 0, allBetas, slot * 10, 10);
        }
        double rad = Math.PI * aug.rotation() / 180;
        double sn = Math.sin(rad);
        double cs = Math.cos(rad);
        for (int j = 0; j < 2 * JOINTS; j++) {
            double x = aug.flip() ? -allJoints[3 * j] : allJoints[3 * j];
            double y = allJoints[3 * j + 1];
            allJoints[3 * j] = (float) (cs * x + sn * y);
            allJoints[3 * j + 1] = (float) (-sn * x + cs * y);
        }
        double[] presence = input.handType();
        return new ZhangExample(chw, allJoints, allValid, new float[] {(float) presence[0], (float) presence[1]},
            allBetas, manoValid);
    }

    /** The hand's 21 joints (v2 order) in the camera frame, mm. */
    private float[] cameraJoints(HandLayer layer, ManoParams p, Extrinsics extrinsics) {
        float[] world;
        try (NDScope ignored = new NDScope(); NDManager m = manager.newSubManager()) {
            HandParams params = ManoPosing.params(p, m);
            world = layer.forward(params, FingertipSet.INTAGHAND, JointOrder.MANO16_TIPS).keypoints()
                .toType(DataType.FLOAT32, false).toFloatArray();
        }
        float[] out = new float[world.length];
        for (int j = 0; j < world.length / 3; j++) {
            Vec3 c = extrinsics.toCamera(new Vec3(world[3 * j], world[3 * j + 1], world[3 * j + 2]));
            out[3 * j] = (float) (c.x() * 1000);
            out[3 * j + 1] = (float) (c.y() * 1000);
            out[3 * j + 2] = (float) (c.z() * 1000);
        }
        return out;
    }
}
