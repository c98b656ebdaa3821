package org.ambidex.train.twohand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandSide;
import org.ambidex.nets.twohand.DecodedHand;
import org.ambidex.nets.twohand.HandVector;
import org.ambidex.nets.twohand.TinyHandModels;
import org.ambidex.nets.twohand.TwoHandDecoder;
import org.ambidex.nets.twohand.TwoHandOutput;
import org.junit.jupiter.api.Test;

/**
 * Loss values worked out by hand on one frame: the right hand annotated (one joint invalid, hand-model
 * parameters all zero, so the target mesh is the rest mesh), the left hand absent.
 */
class TwoHandLossTest {

    private static final double THETA = 0.3;

    @Test
    void everyTermMatchesItsDefinition() {
        HandModel right = TinyHandModels.of(HandSide.RIGHT, 3);
        try (NDManager m = NDManager.newBaseManager();
             TwoHandDecoder decoder = new TwoHandDecoder(right, TinyHandModels.of(HandSide.LEFT, 4), m)) {
            int nv = right.vertexCount();
            // Rest-mesh vertices relative to the wrist (the regressed joint 0 with zero pose and shape).
            double[] template = right.vTemplate().toDoubleArray();
            double[] reg = right.jRegressor().toDoubleArray();
            double[] wrist = new double[3];
            for (int v = 0; v < nv; v++) {
                for (int c = 0; c < 3; c++) {
                    wrist[c] += reg[v] * template[3 * v + c];
                }
            }
            float[] predVertices = new float[nv * 3];
            for (int v = 0; v < nv; v++) {
                predVertices[3 * v] = (float) (template[3 * v] - wrist[0] + 0.002);
                predVertices[3 * v + 1] = (float) (template[3 * v + 1] - wrist[1]);
                predVertices[3 * v + 2] = (float) (template[3 * v + 2] - wrist[2] + 0.003);
            }
            float[] predJoints = new float[63];
            float[] predUv = new float[42];
            for (int j = 0; j < 21; j++) {
                predJoints[3 * j] = 0.01f;
                predUv[2 * j] = 0.1f;
                predUv[2 * j + 1] = -0.2f;
            }
            float c = (float) Math.cos(THETA);
            float s = (float) Math.sin(THETA);
            DecodedHand r = new DecodedHand(m.create(predJoints, new Shape(1, 21, 3)),
                m.create(predVertices, new Shape(1, nv, 3)), m.create(predUv, new Shape(1, 21, 2)),
                m.create(new float[] {c, -s, 0, s, c, 0, 0, 0, 1}, new Shape(1, 3, 3)), m.ones(new Shape(1, 1)),
                m.zeros(new Shape(1, 2)), m.zeros(new Shape(1, 3)));
            // The left hand's prediction is arbitrary: it is absent, so it must not count.
            DecodedHand l = new DecodedHand(m.ones(new Shape(1, 21, 3)), m.ones(new Shape(1, nv, 3)),
                m.ones(new Shape(1, 21, 2)), m.ones(new Shape(1, 3, 3)), m.ones(new Shape(1, 1)), m.ones(new Shape(1, 2)),
                m.ones(new Shape(1, 3)));
            float[] vectors = new float[2 * HandVector.SIZE];
            for (int i = 0; i < HandVector.POSE_SIZE; i++) {
                vectors[HandVector.POSE + i] = 0.3f;
                vectors[HandVector.SIZE + HandVector.POSE + i] = 5f;
            }
            for (int i = 0; i < HandVector.BETAS_SIZE; i++) {
                vectors[HandVector.BETAS + i] = 0.5f;
            }
            TwoHandOutput out = new TwoHandOutput(List.of(m.create(vectors, new Shape(1, 2, HandVector.SIZE))),
                List.<DecodedHand[]>of(new DecodedHand[] {r, l}), List.of(m.create(new float[] {1, 2, 3}, new Shape(1, 3))),
                m.create(new float[] {2, -1}, new Shape(1, 2)), denseUv(m), denseDepth(m),
                dense(m, LOGITS).sub(Math.log(sumExp(LOGITS))), dense(m, DEPTH_MAP));

            float[] valid = new float[42];
            for (int j = 0; j < 21; j++) {
                valid[j] = j == 5 ? 0 : 1;
            }
            float[] uvTarget = new float[84];
            uvTarget[2 * 5] = 100; // an invalid joint's target must not count
            TwoHandBatch batch = new TwoHandBatch(m.zeros(new Shape(1, 3, 32, 32)),
                m.create(new float[] {1, 0}, new Shape(1, 2)), m.zeros(new Shape(1, 2, 21, 3)),
                m.create(valid, new Shape(1, 2, 21)), m.create(uvTarget, new Shape(1, 2, 21, 2)),
                m.zeros(new Shape(1, 3)), m.zeros(new Shape(1)), m.zeros(new Shape(1, 2, 3)),
                m.zeros(new Shape(1, 2, 45)), m.zeros(new Shape(1, 2, 10)), m.create(new float[] {1, 0}, new Shape(1, 2)));

            TwoHandLoss.Terms terms = new TwoHandLoss(TwoHandLossWeights.DEFAULT).compute(out, batch, decoder);
            Map<String, Double> v = terms.values();
            double joints = 0.01 / 0.1;
            double vertices = 0.005 / 0.1;
            double uv = 0.3;
            double rotation = 4 * (1 - Math.cos(THETA));
            double pose = 0.09;
            double shape = 0.25;
            double presence = (Math.log1p(Math.exp(-2)) + Math.log1p(Math.exp(-1))) / 2;
            // Targets at the crop centre lie equally far from the 2 x 2 map's four cells: the Gaussian is uniform.
            double heatCe = Math.log(sumExp(LOGITS)) - (LOGITS[0] + LOGITS[1] + LOGITS[2] + LOGITS[3]) / 4;
            double heatUv = 2 * 0.2; // |0.2 - 0| in u and v; joint 5 (target 100) and the left hand are masked
            double heatDepth = (DEPTH_MAP[0] + DEPTH_MAP[1] + DEPTH_MAP[2] + DEPTH_MAP[3]) / 4;
            assertThat(v.get("joints")).isCloseTo(joints, within(1e-6));
            assertThat(v.get("vertices")).isCloseTo(vertices, within(1e-5));
            assertThat(v.get("uv")).isCloseTo(uv, within(1e-6));
            assertThat(v.get("rotation")).isCloseTo(rotation, within(1e-5));
            assertThat(v.get("pose")).isCloseTo(pose, within(1e-6));
            assertThat(v.get("shape")).isCloseTo(shape, within(1e-6));
            assertThat(v.get("offset")).isEqualTo(0.0);
            assertThat(v.get("presence")).isCloseTo(presence, within(1e-6));
            assertThat(v.get("heat_ce")).isCloseTo(heatCe, within(1e-5));
            assertThat(v.get("heat_uv")).isCloseTo(heatUv, within(1e-6));
            assertThat(v.get("heat_depth")).isCloseTo(heatDepth, within(1e-6));
            // the absent left hand's maps against the uniform: KL(U || p) = -mean(log p) - log(4)
            double heatAbsent = heatCe - Math.log(4);
            assertThat(v.get("heat_absent")).isCloseTo(heatAbsent, within(1e-5));
            TwoHandLossWeights w = TwoHandLossWeights.DEFAULT;
            double total = w.joints() * joints + w.vertices() * vertices + w.uv() * uv + w.rotation() * rotation
                + w.pose() * pose + w.shape() * shape + w.presence() * presence + w.heatmap() * (heatCe + heatUv + heatDepth)
                + w.absent() * heatAbsent;
            assertThat(v.get("total")).isCloseTo(total, within(1e-5));
        }
    }

    /** Dense joints: the right hand's all at (0.2, 0.2), the left hand's far off (it is absent). */
    private static NDArray denseUv(NDManager m) {
        float[] uv = new float[84];
        for (int i = 0; i < 84; i++) {
            uv[i] = i < 42 ? 0.2f : 9f;
        }
        return m.create(uv, new Shape(1, 2, 21, 2));
    }

    private static final float[] LOGITS = {0, 1, 2, 3};
    private static final float[] DEPTH_MAP = {0.1f, 0.2f, 0.3f, 0.6f};

    private static double sumExp(float[] x) {
        double sum = 0;
        for (float v : x) {
            sum += Math.exp(v);
        }
        return sum;
    }

    @Test
    void absentTermCountsOnlyTheMapsOfHandsNotInTheFrame() {
        try (NDManager m = NDManager.newBaseManager()) {
            // frame 0: only the right hand, whose maps are peaked, the left's flat; frame 1: the other way round
            float[] logProb = new float[2 * 42 * 4];
            double[] peaked = {0.7, 0.1, 0.1, 0.1};
            for (int f = 0; f < 2; f++) {
                for (int j = 0; j < 42; j++) {
                    boolean right = j < 21;
                    boolean peak = f == 0 ? right : !right;
                    for (int c = 0; c < 4; c++) {
                        logProb[(f * 42 + j) * 4 + c] = (float) Math.log(peak ? peaked[c] : 0.25);
                    }
                }
            }
            NDArray lp = m.create(logProb, new Shape(2, 42, 4));
            NDArray sides = m.create(new float[] {1, 0, 0, 1}, new Shape(2, 2));
            assertThat(TwoHandLoss.absentTerm(lp, sides).getFloat()).isCloseTo(0f, within(1e-6f));
            // the same maps with the labels swapped: every absent hand's maps are the peaked ones
            double kl = -(Math.log(0.7) + 3 * Math.log(0.1)) / 4 - Math.log(4);
            NDArray swapped = m.create(new float[] {0, 1, 1, 0}, new Shape(2, 2));
            assertThat((double) TwoHandLoss.absentTerm(lp, swapped).getFloat()).isCloseTo(kl, within(1e-5));
            // two-hand frames have nothing absent
            assertThat(TwoHandLoss.absentTerm(lp, m.ones(new Shape(2, 2))).getFloat()).isEqualTo(0f);
        }
    }

    /** A (1,42,4) map: {@code cells} for every joint of both hands on a 2 x 2 grid. */
    private static NDArray dense(NDManager m, float[] cells) {
        float[] all = new float[42 * 4];
        for (int j = 0; j < 42; j++) {
            System.arraycopy(cells, 0, all, 4 * j, 4);
        }
        return m.create(all, new Shape(1, 42, 4));
    }

    /** Dense depths: 0.3 units for the right hand's joints, arbitrary for the absent left hand. */
    private static NDArray denseDepth(NDManager m) {
        float[] d = new float[42];
        for (int i = 0; i < 42; i++) {
            d[i] = i < 21 ? 0.3f : -4f;
        }
        return m.create(d, new Shape(1, 2, 21));
    }

    @Test
    void offsetTermCountsOnlyFramesWithBothWrists() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray pred = m.create(new float[] {0.1f, 0, 0, 0.5f, 0.5f, 0.5f}, new Shape(2, 3));
            NDArray target = m.create(new float[] {0, 0.02f, 0, 0, 0, 0}, new Shape(2, 3));
            NDArray valid = m.create(new float[] {1, 0}, new Shape(2));
            double term = TwoHandLoss.maskedMean(pred.sub(target).abs().sum(new int[] {1}), valid).getFloat();
            assertThat(term).isCloseTo(0.12, within(1e-6));
            assertThat(TwoHandLoss.maskedMean(pred.sum(new int[] {1}), m.zeros(new Shape(2))).getFloat()).isEqualTo(0f);
        }
    }
}
