package org.ambidex.io.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.ambidex.core.AtomicOutput;
import org.ambidex.core.BadInputException;
import org.ambidex.core.InputFiles;
import org.ambidex.core.MemoryBudget;

/**
 * Reads and writes image files. Reading gives an upright 8-bit RGB image ({@code TYPE_INT_RGB}, HWC at this
 * boundary): the JPEG EXIF orientation is applied, alpha is dropped (the stored colour is kept, as OpenCV's
 * {@code IMREAD_COLOR} does) and grey, palette and 16-bit images are converted. JPEG decoding goes through the
 * TwelveMonkeys plugin, which reads the CMYK, YCCK and odd-marker JPEGs the JDK decoder refuses.
 */
public final class Images {

    /** Files larger than this are refused before they are read. */
    public static final long MAX_FILE_BYTES = 1L << 30;
    /** Images with more pixels than this are refused before they are decoded (16384 x 16384), whatever the heap. */
    public static final long MAX_PIXELS = 1L << 28;
    /**
     * Heap bytes per pixel while an image is read: the decoder's raster (up to 8, for 16-bit RGBA), the RGB copy (4)
     * and the upright copy EXIF orientation may make (4).
     */
    public static final int READ_BYTES_PER_PIXEL = 16;
    /** The share of the heap an image being read may take; the rest serves the network and the pictures. */
    public static final double READ_HEAP_SHARE = 0.4;
    /** JPEG quality used by {@link #write(Path, BufferedImage)}. */
    public static final float JPEG_QUALITY = 0.95f;

    static {
        // The TwelveMonkeys readers register through the service loader; make sure they are seen even when
        // the context class loader differs from the one that loaded ImageIO.
        ImageIO.scanForPlugins();
        ImageIO.setUseCache(false);
    }

    private Images() {
    }

    /** Reads {@code path} as an upright RGB image; anything unreadable is a {@link BadInputException}. */
    public static BufferedImage read(Path path) {
        return read(path, true);
    }

    /**
     * Reads {@code path} as an RGB image, upright ({@code applyOrientation}) or as stored, ignoring its EXIF
     * orientation (as OpenCV's {@code IMREAD_IGNORE_ORIENTATION}, which some reference code uses).
     */
    public static BufferedImage read(Path path, boolean applyOrientation) {
        byte[] bytes = bytesOf(path);
        BufferedImage decoded = decode(path, bytes);
        return applyOrientation ? ExifOrientation.apply(toRgb(decoded), ExifOrientation.of(bytes)) : toRgb(decoded);
    }

    /**
     * The upright size {@code {width, height}} of the image in {@code path}, from its header (and EXIF orientation)
     * without decoding its pixels, so options can be checked against it before any work. An image too large to be
     * read ({@link #read}) is refused here already.
     */
    public static int[] size(Path path) {
        return size(path, true);
    }

    /** The size of the image in {@code path} as {@link #read(Path, boolean)} gives it. */
    public static int[] size(Path path, boolean applyOrientation) {
        byte[] bytes = bytesOf(path);
        return withReader(path, bytes, reader -> {
            int w = reader.getWidth(0);
            int h = reader.getHeight(0);
            requireReadable(path, w, h);
            // Orientations 5 to 8 turn the picture a quarter.
            return applyOrientation && ExifOrientation.of(bytes) >= 5 ? new int[] {h, w} : new int[] {w, h};
        });
    }

    /** What is done with an image's reader once its input is set; may throw {@link IOException}. */
    @FunctionalInterface
    private interface ReaderWork<T> {
        T apply(ImageReader reader) throws IOException;
    }

    /** Runs {@code work} on a reader of {@code bytes}; whatever fails is a one-line {@link BadInputException}. */
    private static <T> T withReader(Path path, byte[] bytes, ReaderWork<T> work) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new BadInputException(path, "not a known image format; expected JPEG, PNG, BMP, GIF or TIFF");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return work.apply(reader);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadInputException bad) {
                throw bad;
            }
            throw new BadInputException(path, "corrupt or unsupported image (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    private static byte[] bytesOf(Path path) {
        return InputFiles.readBounded(path, MAX_FILE_BYTES, "an image (JPEG, PNG, BMP, ...)");
    }

    private static BufferedImage decode(Path path, byte[] bytes) {
        return withReader(path, bytes, reader -> {
            requireReadable(path, reader.getWidth(0), reader.getHeight(0));
            TruncationWatch watch = new TruncationWatch();
            reader.addIIOReadWarningListener(watch);
            BufferedImage image = reader.read(0);
            watch.refuseIfTruncated(path);
            if (image == null) {
                throw new BadInputException(path, "the decoder returned no image; expected a valid image file");
            }
            return image;
        });
    }

    /** Refuses an image of more pixels than {@link #MAX_PIXELS} or than the heap's share holds. */
    private static void requireReadable(Path path, int w, int h) {
        long pixels = (long) w * h;
        if (pixels > MAX_PIXELS || pixels <= 0) {
            throw new BadInputException(path, "image is " + w + "x" + h + " pixels; expected at most " + MAX_PIXELS
                + " pixels");
        }
        MemoryBudget budget = MemoryBudget.current();
        long fits = maxPixels(budget);
        if (pixels > fits) {
            throw new BadInputException(path, "image is " + w + "x" + h + " pixels, more than the " + fits
                + " that can be read: " + budget.advice());
        }
    }

    /** The most pixels an image may have to be read within {@code budget} ({@link #READ_HEAP_SHARE} of it). */
    public static long maxPixels(MemoryBudget budget) {
        return Math.min(MAX_PIXELS, budget.units(READ_HEAP_SHARE, READ_BYTES_PER_PIXEL));
    }

    /** {@code image} as TYPE_INT_RGB (the same object when it already is one), its pixels as {@link #rgbRow} reads. */
    public static BufferedImage toRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            rgbRow(image, y, row);
            rgb.setRGB(0, y, w, 1, row, 0, w);
        }
        return rgb;
    }

    /**
     * Row {@code y} of {@code image} into {@code row} as packed {@code 0xRRGGBB}, alpha dropped: the one place an
     * image of any type becomes RGB. A grey image gives its stored sample in R, G and B, as OpenCV and Pillow (which
     * the reference code reads images with) do, 16-bit samples shifted to 8 bits as libpng's strip does; Java's own
     * {@code getRGB} takes grey for linear light and brightens it (a stored 95 becomes 164). Other images as
     * {@code getRGB} converts them to sRGB.
     */
    public static void rgbRow(BufferedImage image, int y, int[] row) {
        int w = image.getWidth();
        ColorModel model = image.getColorModel();
        // Grey of fewer bits comes as an IndexColorModel, whose getRGB is its palette.
        if (model.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(model instanceof IndexColorModel)
            && model.getComponentSize(0) >= 8) {
            int shift = model.getComponentSize(0) - 8;
            int[] samples = image.getRaster().getSamples(0, y, w, 1, 0, (int[]) null);
            for (int x = 0; x < w; x++) {
                int v = samples[x] >> shift;
                row[x] = v << 16 | v << 8 | v;
            }
            return;
        }
        image.getRGB(0, y, w, 1, row, 0, w);
        for (int x = 0; x < w; x++) {
            row[x] &= 0xFFFFFF;
        }
    }

    /**
     * Writes {@code image} atomically as PNG ({@code .png}) or JPEG ({@code .jpg}, {@code .jpeg}, quality
     * {@link #JPEG_QUALITY}); another extension is a {@link BadInputException}.
     */
    public static void write(Path path, BufferedImage image) {
        String format = formatOf(path);
        BufferedImage rgb = format.equals("jpeg") ? toRgb(image) : image;
        AtomicOutput.write(path, out -> {
            Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
            if (!writers.hasNext()) {
                throw new IOException("no " + format + " encoder");
            }
            ImageWriter writer = writers.next();
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(ios);
                ImageWriteParam param = writer.getDefaultWriteParam();
                if (format.equals("jpeg")) {
                    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                    param.setCompressionQuality(JPEG_QUALITY);
                }
                writer.write(null, new IIOImage(rgb, null, null), param);
            } finally {
                writer.dispose();
            }
        });
    }

    private static String formatOf(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return "png";
        }
        if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            return "jpeg";
        }
        throw new BadInputException(path, "unknown image extension; expected .png, .jpg or .jpeg");
    }
}
