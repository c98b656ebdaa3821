package org.ambidex.eval;

/**
 * One keypoint's distance as mmpose's {@code _calc_distances} (mmpose/evaluation/functional/keypoint_eval.py)
 * computes it for its three 2-D hand metrics, in the same precision, so that threshold decisions match bit for bit.
 * Ground truth and predictions are float32 (mmpose's dataset arrays and model outputs); {@code preds - gts} is a
 * float32 difference; the result is stored in a float32 array ({@code np.full((N, K), -1, dtype=np.float32)}).
 * What lies between depends on the normalisation factor's type:
 * <ul>
 * <li>{@link #boxNormalised}: PCKAccuracy's {@code bbox_size} is float32, so the division, squares, sum and square
 *     root are float32;</li>
 * <li>{@link #overPixels}: keypoint_auc's factor {@code np.array([[30, 30]])} is an integer array, so the division
 *     promotes to float64, and the float64 norm is rounded to float32 when stored;</li>
 * <li>{@link #pixels}: keypoint_epe divides by float32 ones, so everything stays float32.</li>
 * </ul>
 * Units: pixels in, the normalised distance (or pixels for {@link #pixels}) out.
 */
final class MmposeDistances {

    private MmposeDistances() {
    }

    /** {@code ||(pred - gt) / size||} in float32 (PCK normalised by the box size, pixels). */
    static float boxNormalised(float predU, float predV, float gtU, float gtV, float size) {
        float x = (predU - gtU) / size;
        float y = (predV - gtV) / size;
        return (float) Math.sqrt(x * x + y * y);
    }

    /** {@code ||(pred - gt) / norm||} with a float32 difference, float64 after, rounded to float32 (AUC). */
    static float overPixels(float predU, float predV, float gtU, float gtV, double norm) {
        double x = (predU - gtU) / norm;
        double y = (predV - gtV) / norm;
        return (float) Math.sqrt(x * x + y * y);
    }

    /** {@code ||pred - gt||} in float32 pixels (EPE). */
    static float pixels(float predU, float predV, float gtU, float gtV) {
        float x = predU - gtU;
        float y = predV - gtV;
        return (float) Math.sqrt(x * x + y * y);
    }
}
