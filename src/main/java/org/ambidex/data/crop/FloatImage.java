package org.ambidex.data.crop;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;
import java.util.Objects;
import org.ambidex.io.image.Images;

/**
 * An image of float samples, interleaved (HWC), row-major from the top-left pixel; RGB images have values in
 * [0, 255] as the reference pipelines hold them before normalising. The sample array is owned by the image: it is
 * never exposed for writing, so images are immutable.
 */
public final class FloatImage {

    private final int width;
    private final int height;
    private final int channels;
    private final float[] data;

    private FloatImage(int width, int height, int channels, float[] data) {
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.data = data;
    }

    /** An image over a copy of {@code hwc} ({@code height * width * channels} samples). */
    public static FloatImage of(int width, int height, int channels, float[] hwc) {
        check(width, height, channels);
        if (hwc.length != (long) width * height * channels) {
            throw new IllegalArgumentException(width + "x" + height + "x" + channels + " image needs "
                + (long) width * height * channels + " samples, got " + hwc.length);
        }
        return new FloatImage(width, height, channels, hwc.clone());
    }

    /** A black image. */
    public static FloatImage zeros(int width, int height, int channels) {
        check(width, height, channels);
        return new FloatImage(width, height, channels, new float[Math.multiplyExact(Math.multiplyExact(width, height), channels)]);
    }

    private static void check(int width, int height, int channels) {
        if (width <= 0 || height <= 0 || channels <= 0) {
            throw new IllegalArgumentException("image dimensions must be positive: " + width + "x" + height + "x" + channels);
        }
    }

    /** The RGB samples of {@code image} (any type, as {@link Images#rgbRow} reads it; alpha dropped), 0..255. */
    public static FloatImage ofRgb(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        int w = image.getWidth();
        int h = image.getHeight();
        float[] d = new float[w * h * 3];
        if (rasterIsRgb(image) && readRaster(image.getRaster(), w, h, d)) {
            return new FloatImage(w, h, 3, d);
        }
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            Images.rgbRow(image, y, row);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int o = 3 * (y * w + x);
                d[o] = (p >> 16) & 0xFF;
                d[o + 1] = (p >> 8) & 0xFF;
                d[o + 2] = p & 0xFF;
            }
        }
        return new FloatImage(w, h, 3, d);
    }

    /** Whether the image's raster bands are 8-bit R, G, B (then alpha, not premultiplied) in sRGB. */
    private static boolean rasterIsRgb(BufferedImage image) {
        return switch (image.getType()) {
            case BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_BGR,
                BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_4BYTE_ABGR -> true;
            default -> false;
        };
    }

    /**
     * Reads bands 0-2 of an RGB raster straight from its data buffer into {@code d} (HWC), which is what getRGB gives
     * for these sRGB types without the colour model's per-pixel conversion (about ten times faster on a photo);
     * false, with nothing read, for a layout it does not know.
     */
    private static boolean readRaster(Raster raster, int w, int h, float[] d) {
        int x0 = raster.getMinX() - raster.getSampleModelTranslateX();
        int y0 = raster.getMinY() - raster.getSampleModelTranslateY();
        if (raster.getDataBuffer() instanceof DataBufferInt buffer
            && raster.getSampleModel() instanceof SinglePixelPackedSampleModel model) {
            int[] data = buffer.getData();
            int stride = model.getScanlineStride();
            int[] masks = model.getBitMasks();
            int[] shifts = model.getBitOffsets();
            int o = 0;
            for (int y = 0; y < h; y++) {
                int i = buffer.getOffset() + (y0 + y) * stride + x0;
                for (int x = 0; x < w; x++, i++) {
                    int p = data[i];
                    d[o++] = (p & masks[0]) >>> shifts[0];
                    d[o++] = (p & masks[1]) >>> shifts[1];
                    d[o++] = (p & masks[2]) >>> shifts[2];
                }
            }
            return true;
        }
        if (raster.getDataBuffer() instanceof DataBufferByte buffer
            && raster.getSampleModel() instanceof PixelInterleavedSampleModel model) {
            byte[] data = buffer.getData();
            int stride = model.getScanlineStride();
            int step = model.getPixelStride();
            int[] bands = model.getBandOffsets();
            int o = 0;
            for (int y = 0; y < h; y++) {
                int i = buffer.getOffset() + (y0 + y) * stride + x0 * step;
                for (int x = 0; x < w; x++, i += step) {
                    d[o++] = data[i + bands[0]] & 0xFF;
                    d[o++] = data[i + bands[1]] & 0xFF;
                    d[o++] = data[i + bands[2]] & 0xFF;
                }
            }
            return true;
        }
        return false;
    }

    /** An 8-bit RGB image of a 3-channel image, values rounded and clamped to 0..255. */
    public BufferedImage toRgb() {
        if (channels != 3) {
            throw new IllegalStateException("not an RGB image: " + channels + " channels");
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int o = 3 * (y * width + x);
                row[x] = byteOf(data[o]) << 16 | byteOf(data[o + 1]) << 8 | byteOf(data[o + 2]);
            }
            out.setRGB(0, y, width, 1, row, 0, width);
        }
        return out;
    }

    private static int byteOf(float v) {
        int i = Math.round(v);
        return i < 0 ? 0 : Math.min(i, 255);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int channels() {
        return channels;
    }

    /** Sample of channel {@code c} at column {@code x}, row {@code y}. */
    public float get(int x, int y, int c) {
        return data[(y * width + x) * channels + c];
    }

    /** A copy of the HWC samples. */
    public float[] toArray() {
        return data.clone();
    }

    /**
     * The samples as CHW (planar), each divided by {@code divisor}, as torchvision's {@code ToTensor} ({@code div(255)})
     * and NumPy's {@code / 255.0} do (a multiplication by the reciprocal differs from them by a float step on some
     * values, which a deep network carries on).
     */
    public float[] toChwDividedBy(float divisor) {
        float[] out = new float[data.length];
        int plane = width * height;
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < channels; c++) {
                out[c * plane + i] = data[i * channels + c] / divisor;
            }
        }
        return out;
    }

    /** The image mirrored left-right ({@code img[:, ::-1]}). */
    public FloatImage flippedHorizontally() {
        float[] d = new float[data.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                System.arraycopy(data, (y * width + x) * channels, d, (y * width + width - 1 - x) * channels, channels);
            }
        }
        return new FloatImage(width, height, channels, d);
    }

    /** Each channel {@code c} multiplied by {@code scale[c]} in float, then clipped to [0, 255]. */
    public FloatImage scaledChannels(double[] scale) {
        if (scale.length != channels) {
            throw new IllegalArgumentException(channels + " channel scales needed, got " + scale.length);
        }
        float[] d = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            float v = (float) (data[i] * scale[i % channels]);
            d[i] = v < 0 ? 0 : Math.min(v, 255f);
        }
        return new FloatImage(width, height, channels, d);
    }

    /** Mean of all samples (IntagHand skips frames darker than 10). */
    public double mean() {
        double s = 0;
        for (float v : data) {
            s += v;
        }
        return s / data.length;
    }

    /** Package access for the warp (read only). */
    float[] samples() {
        return data;
    }

    static FloatImage wrap(int width, int height, int channels, float[] data) {
        return new FloatImage(width, height, channels, data);
    }
}
