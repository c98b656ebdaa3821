package org.ambidex.eval;

/**
 * The {@code hand2d} numbers of one group of hand instances (all, or one side), accumulated instance by instance:
 * box-normalised PCK at one threshold, PCK at the AUC thresholds (pixels over a normalising length) and the pixel
 * distances behind EPE, per keypoint.
 */
final class Hand2dStats {

    private final Hand2dProtocol protocol;
    private final KeypointAccuracy pck;
    private final KeypointAccuracy auc;
    private final double[] pixelSum = new double[HandKeypointTruth.KEYPOINTS];
    private final long[] pixelCount = new long[HandKeypointTruth.KEYPOINTS];
    private long instances;

    Hand2dStats(Hand2dProtocol protocol) {
        this.protocol = protocol;
        pck = new KeypointAccuracy(new double[] {protocol.pckThreshold()}, HandKeypointTruth.KEYPOINTS);
        auc = new KeypointAccuracy(protocol.aucThresholds(), HandKeypointTruth.KEYPOINTS);
    }

    /**
     * Adds one evaluated instance; {@code predicted} is its 21 x 2 packed pixels (float32), or null when it has no
     * prediction (every visible keypoint a miss in PCK and AUC, nothing in EPE).
     */
    void add(HandKeypointTruth truth, float[] predicted) {
        instances++;
        float[] gt = truth.keypointsView();
        for (int k = 0; k < HandKeypointTruth.KEYPOINTS; k++) {
            if (!truth.visible(k)) {
                continue;
            }
            if (predicted == null) {
                pck.add(k, Float.POSITIVE_INFINITY);
                auc.add(k, Float.POSITIVE_INFINITY);
                continue;
            }
            float pu = predicted[2 * k];
            float pv = predicted[2 * k + 1];
            float gu = gt[2 * k];
            float gv = gt[2 * k + 1];
            pck.add(k, MmposeDistances.boxNormalised(pu, pv, gu, gv, truth.boxSize()));
            auc.add(k, MmposeDistances.overPixels(pu, pv, gu, gv, protocol.aucNormPixels()));
            pixelSum[k] += MmposeDistances.pixels(pu, pv, gu, gv);
            pixelCount[k]++;
        }
    }

    /** Instances added. */
    long instances() {
        return instances;
    }

    /** Visible keypoints of the instances (with or without prediction): what PCK and AUC count. */
    long keypoints() {
        return pck.count();
    }

    /** Pixel distances behind EPE (visible keypoints of predicted instances). */
    long distances() {
        long n = 0;
        for (long c : pixelCount) {
            n += c;
        }
        return n;
    }

    /** PCK at the protocol's threshold: mean over keypoints with data of their accuracy; NaN without data. */
    double pck() {
        return pck.average(0);
    }

    /** Per-keypoint PCK; NaN for keypoints without data. */
    double[] pckPerKeypoint() {
        return pck.accuracy(0);
    }

    /** mmpose's AUC; NaN without data. */
    double auc() {
        return auc.auc();
    }

    /** The PCK at each AUC threshold. */
    double[] aucCurve() {
        return auc.curve();
    }

    /** EPE: the mean of every distance (pixels); NaN without data. */
    double epe() {
        double sum = 0;
        for (double s : pixelSum) {
            sum += s;
        }
        long n = distances();
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Per-keypoint mean distance (pixels); NaN for keypoints without data. */
    double[] epePerKeypoint() {
        double[] out = new double[pixelSum.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = pixelCount[k] == 0 ? Double.NaN : pixelSum[k] / pixelCount[k];
        }
        return out;
    }
}
