package org.ambidex.train.s2hand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import org.ambidex.tensor.Scalars;

/**
 * S2HAND's terms on the rendered hand, as the official {@code traineval_util.loss_func} computes them from the
 * rendering. B is the batch size, images are (B, 3, 224, 224) in [0, 1].
 *
 * <ul>
 *   <li>{@link #maskedPhoto}: the photo where the rendered silhouette is above zero, black elsewhere (the reference's
 *       {@code maskRGBs}; the mask carries no gradient). This is the only use the self-supervised configurations make
 *       of the silhouette: the {@code sil} term needs ground-truth masks, which they do not read;
 *   <li>{@link #photometric}: {@code texture}, the L1 difference between the rendering (white background, as the
 *       reference's renderer) and the masked photo over the whole image, each sample weighted by its squared
 *       texture confidence, times 5e-3;
 *   <li>{@link #meanColour}: {@code mrgb}, the L1 difference of the two images' mean values per sample, weighted
 *       likewise, times 1e-3;
 *   <li>{@link #textureOutliers}: {@code mtex}, how far face colours lie beyond two standard deviations of the mean
 *       colour, times 5e-3. The reference's {@code mean.view(-1,1,1,1,1,3)} broadcasts sample i's statistics over
 *       every sample of the batch, so its row i measures the whole batch's colours against sample i's mean and
 *       deviation; kept as it is (it differs from a per-sample statistic unless the batch is one repeated sample).
 * </ul>
 *
 * <p>The texture confidence of a sample ({@link #textureConfidence}) is the mean of its keypoint confidences when
 * all of them exceed 0.1 (else 0), times 1.1 for one of FreiHAND's 32,560 original training images (0.1 for the
 * re-coloured copies the reference also reads; ambidex reads the originals only).
 */
public final class S2HandRenderedLosses {

    public static final double TEXTURE_WEIGHT = 5e-3;
    public static final double MEAN_RGB_WEIGHT = 1e-3;
    public static final double TEXTURE_REGULARISER_WEIGHT = 5e-3;
    /** The factor of an original FreiHAND training image in the texture confidence. */
    public static final float ORIGINAL_IMAGE = 1.1f;

    private S2HandRenderedLosses() {
    }

    /**
     * @param confidences keypoint confidences (B, 21)
     * @param imageFactor per sample, {@link #ORIGINAL_IMAGE} or 0.1 (B)
     * @return the texture confidences (B)
     */
    public static NDArray textureConfidence(NDArray confidences, NDArray imageFactor) {
        NDArray allSure = confidences.min(new int[] {1}).expandDims(1).gt(0.1f).toType(confidences.getDataType(), false);
        return allSure.mul(confidences).mean(new int[] {1}).mul(imageFactor);
    }

    /**
     * @param photos the input crops (B, 3, H, W)
     * @param covered where the rendering covers a pixel (B, H, W), 0 or 1
     */
    public static NDArray maskedPhoto(NDArray photos, NDArray covered) {
        return photos.mul(covered.gt(0f).toType(photos.getDataType(), false).expandDims(1));
    }

    /**
     * @param rendered the rendered image (B, 3, H, W)
     * @param masked {@link #maskedPhoto}
     * @param textureConfidence (B)
     */
    public static NDArray photometric(NDArray rendered, NDArray masked, NDArray textureConfidence) {
        NDArray w = textureConfidence.square(); // (B)
        NDArray perSample = rendered.sub(masked).abs().sum(new int[] {1, 2, 3});
        long pixels = rendered.getShape().size() / rendered.getShape().get(0);
        NDArray weightSum = Scalars.mul(w.sum(), (float) pixels);
        return Scalars.mul(perSample.mul(w).sum().div(weightSum), (float) TEXTURE_WEIGHT);
    }

    /** The mean-colour term (arguments as {@link #photometric}). */
    public static NDArray meanColour(NDArray rendered, NDArray masked, NDArray textureConfidence) {
        long b = rendered.getShape().get(0);
        NDArray w = textureConfidence.square();
        NDArray difference = rendered.reshape(b, -1).mean(new int[] {1}).sub(masked.reshape(b, -1).mean(new int[] {1}))
            .abs();
        return Scalars.mul(difference.mul(w).sum().div(w.sum()), (float) MEAN_RGB_WEIGHT);
    }

    /**
     * @param textures the network's face colours before tanh (B, F, 3)
     * @param textureConfidence (B)
     */
    public static NDArray textureOutliers(NDArray textures, NDArray textureConfidence) {
        long b = textures.getShape().get(0);
        long f = textures.getShape().get(1);
        NDArray mean = textures.mean(new int[] {1}); // (B, 3)
        // torch.std: the unbiased deviation
        NDArray std = Scalars.div(textures.sub(mean.expandDims(1)).square().sum(new int[] {1}), (float) (f - 1))
            .sqrt();
        NDArray all = textures.reshape(1, b, f, 3); // every sample's colours ...
        NDArray m = mean.reshape(b, 1, 1, 3); // ... against sample i's statistics (row i)
        NDArray s2 = Scalars.mul(std, 2f).reshape(b, 1, 1, 3);
        NDArray above = NDArrays.where(all.gt(m.add(s2)), all.sub(m), all.zerosLike().add(m.zerosLike()));
        NDArray below = NDArrays.where(all.lt(m.sub(s2)), m.sub(all), all.zerosLike().add(m.zerosLike()));
        NDArray perRow = above.add(below).reshape(b, -1).mean(new int[] {1}); // (B)
        NDArray w = textureConfidence;
        return Scalars.mul(perRow.mul(Scalars.mul(w, 2f)).sum().div(w.square().sum()),
            (float) TEXTURE_REGULARISER_WEIGHT);
    }
}
