package org.ambidex.render;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * What {@link Renderer} produces for a {@link Scene} of {@code W x H} pixels.
 *
 * @param image the picture, TYPE_INT_RGB, {@code W x H} (a new image the caller owns)
 * @param depth camera depth per pixel, metres, {@code +inf} where empty
 * @param masks one silhouette per scene mesh, in scene order
 * @param normals camera-frame normal per pixel
 */
public record RenderResult(BufferedImage image, DepthMap depth, List<Mask> masks, NormalMap normals) {

    public RenderResult {
        masks = List.copyOf(masks);
    }

    /** The silhouette of scene mesh {@code index}. */
    public Mask mask(int index) {
        return masks.get(index);
    }
}
