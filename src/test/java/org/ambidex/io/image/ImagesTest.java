package org.ambidex.io.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.ambidex.core.BadInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesTest {

    private static final int R = 0xFF0000;
    private static final int G = 0x00FF00;
    private static final int B = 0x0000FF;
    private static final int W = 0xFFFFFF;

    @TempDir
    Path dir;

    /** 64x32 image in four quadrants: top-left red, top-right green, bottom-left blue, bottom-right white. */
    private static BufferedImage quadrants() {
        BufferedImage img = new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 64; x++) {
                img.setRGB(x, y, y < 16 ? (x < 32 ? R : G) : (x < 32 ? B : W));
            }
        }
        return img;
    }

    /** A JPEG of {@link #quadrants()} with an APP1 Exif segment (big- or little-endian TIFF) holding the tag. */
    private static byte[] jpegWithOrientation(int orientation, boolean littleEndian) throws Exception {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(quadrants(), "jpeg", jpeg);
        byte[] plain = jpeg.toByteArray();
        ByteArrayOutputStream app1 = new ByteArrayOutputStream();
        byte[] tiff = littleEndian
            ? new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte) orientation, 0, 0, 0,
                0, 0, 0, 0}
            : new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0,
                0, 0, 0, 0};
        int length = 2 + 6 + tiff.length;
        app1.write(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length, 'E', 'x', 'i', 'f', 0, 0});
        app1.write(tiff);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 2);
        out.write(app1.toByteArray());
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }

    private static int nearest(int rgb) {
        int best = 0;
        int bestDistance = Integer.MAX_VALUE;
        for (int c : new int[] {R, G, B, W}) {
            int d = 0;
            for (int s = 0; s < 24; s += 8) {
                int diff = ((rgb >> s) & 0xFF) - ((c >> s) & 0xFF);
                d += diff * diff;
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    @ParameterizedTest
    @CsvSource({
        // orientation, top-left, top-right, bottom-left, bottom-right (EXIF 2.3, read upright)
        "1, R, G, B, W", "2, G, R, W, B", "3, W, B, G, R", "4, B, W, R, G",
        "5, R, B, G, W", "6, B, R, W, G", "7, W, G, B, R", "8, G, W, R, B"})
    void exifOrientationIsApplied(int orientation, String tl, String tr, String bl, String br) throws Exception {
        for (boolean little : new boolean[] {true, false}) {
            Path file = dir.resolve("o" + orientation + (little ? "le" : "be") + ".jpg");
            Files.write(file, jpegWithOrientation(orientation, little));
            BufferedImage img = Images.read(file);
            assertThat(img.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
            boolean swapped = orientation >= 5;
            assertThat(img.getWidth()).isEqualTo(swapped ? 32 : 64);
            assertThat(img.getHeight()).isEqualTo(swapped ? 64 : 32);
            int w = img.getWidth();
            int h = img.getHeight();
            assertThat(nearest(img.getRGB(w / 4, h / 4))).isEqualTo(colour(tl));
            assertThat(nearest(img.getRGB(3 * w / 4, h / 4))).isEqualTo(colour(tr));
            assertThat(nearest(img.getRGB(w / 4, 3 * h / 4))).isEqualTo(colour(bl));
            assertThat(nearest(img.getRGB(3 * w / 4, 3 * h / 4))).isEqualTo(colour(br));
        }
    }

    @ParameterizedTest
    @CsvSource({"1", "3", "6", "8"})
    void exifOrientationCanBeIgnoredAsOpenCvsIgnoreOrientationFlag(int orientation) throws Exception {
        Path file = dir.resolve("ignored" + orientation + ".jpg");
        Files.write(file, jpegWithOrientation(orientation, true));
        BufferedImage img = Images.read(file, false);
        assertThat(img.getWidth()).isEqualTo(64);
        assertThat(img.getHeight()).isEqualTo(32);
        assertThat(Images.size(file, false)).containsExactly(64, 32);
        // As stored: the orientation-1 layout whatever the tag says.
        assertThat(nearest(img.getRGB(16, 8))).isEqualTo(R);
        assertThat(nearest(img.getRGB(48, 24))).isEqualTo(W);
    }

    private static int colour(String name) {
        return switch (name) {
            case "R" -> R;
            case "G" -> G;
            case "B" -> B;
            default -> W;
        };
    }

    @Test
    void pngRoundTripsExactlyAndOtherTypesBecomeRgb() throws Exception {
        BufferedImage img = quadrants();
        img.setRGB(3, 5, 0x123456);
        Path png = dir.resolve("q.png");
        Images.write(png, img);
        BufferedImage back = Images.read(png);
        assertThat(back.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(back.getRGB(0, 0, 64, 32, null, 0, 64)).containsExactly(img.getRGB(0, 0, 64, 32, null, 0, 64));

        BufferedImage argb = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(1, 1, 0x80336699);
        Path alpha = dir.resolve("alpha.png");
        ImageIO.write(argb, "png", alpha.toFile());
        assertThat(Images.read(alpha).getRGB(1, 1) & 0xFFFFFF).isEqualTo(0x336699);

        BufferedImage grey = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(2, 2, 0, 200);
        Path g = dir.resolve("grey.png");
        ImageIO.write(grey, "png", g.toFile());
        BufferedImage rgb = Images.read(g);
        assertThat(rgb.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        // The stored sample in R, G and B, as OpenCV and Pillow read it (Java's getRGB would give 228: linear grey).
        assertThat(rgb.getRGB(2, 2) & 0xFFFFFF).isEqualTo(200 << 16 | 200 << 8 | 200);
    }

    @Test
    void greyImagesGiveTheirStoredSamplesAsOpenCvReadsThem() throws Exception {
        BufferedImage grey16 = new BufferedImage(3, 2, BufferedImage.TYPE_USHORT_GRAY);
        grey16.getRaster().setSample(1, 1, 0, 23901);
        grey16.getRaster().setSample(2, 0, 0, 65535);
        Path g16 = dir.resolve("grey16.png");
        ImageIO.write(grey16, "png", g16.toFile());
        BufferedImage read = Images.read(g16);
        assertThat(read.getRGB(1, 1) & 0xFFFFFF).as("23901 >> 8").isEqualTo(93 << 16 | 93 << 8 | 93);
        assertThat(read.getRGB(2, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertThat(read.getRGB(0, 0) & 0xFFFFFF).isZero();
        // An image handed to the Java API is read the same way.
        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(1, 0, 0, 95);
        assertThat(org.ambidex.data.crop.FloatImage.ofRgb(grey).toArray()).containsExactly(0, 0, 0, 95, 95, 95);
        assertThat(Images.toRgb(grey).getRGB(1, 0) & 0xFFFFFF).isEqualTo(95 << 16 | 95 << 8 | 95);
    }

    @Test
    void jpegIsWrittenAndReadBack() {
        Path jpg = dir.resolve("q.jpeg");
        Images.write(jpg, quadrants());
        BufferedImage back = Images.read(jpg);
        assertThat(nearest(back.getRGB(48, 24))).isEqualTo(W);
    }

    @Test
    void badFilesAreBadInput() throws Exception {
        Path junk = dir.resolve("junk.jpg");
        Files.write(junk, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3});
        assertThatThrownBy(() -> Images.read(junk)).isInstanceOf(BadInputException.class).hasMessageContaining("junk.jpg");
        Path text = dir.resolve("text.png");
        Files.writeString(text, "hello");
        assertThatThrownBy(() -> Images.read(text)).isInstanceOf(BadInputException.class)
            .hasMessageContaining("not a known image format");
        assertThatThrownBy(() -> Images.read(dir.resolve("none.png"))).isInstanceOf(BadInputException.class)
            .hasMessageContaining("not found");
        assertThatThrownBy(() -> Images.write(dir.resolve("x.gif"), quadrants())).isInstanceOf(BadInputException.class)
            .hasMessageContaining(".png, .jpg or .jpeg");
    }

    /** A noisy 320x240 JPEG (noise, so the entropy-coded data is long and a cut lands inside it). */
    static byte[] noiseJpeg() throws Exception {
        BufferedImage img = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        for (int y = 0; y < 240; y++) {
            for (int x = 0; x < 320; x++) {
                img.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", out);
        return out.toByteArray();
    }

    @Test
    void aTruncatedJpegIsRefusedNotFilledWithGrey() throws Exception {
        byte[] whole = noiseJpeg();
        Path cut = dir.resolve("cut.jpg");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> Images.read(cut)).isInstanceOf(BadInputException.class)
            .hasMessageStartingWith(cut + ": the image data ends early").hasMessageNotContaining("\n");
        Path ok = dir.resolve("whole.jpg");
        Files.write(ok, whole);
        assertThat(Images.read(ok).getWidth()).isEqualTo(320);
    }

    @Test
    void theReadablePixelsFollowTheHeap() throws Exception {
        assertThat(Images.maxPixels(new org.ambidex.core.MemoryBudget(64L << 30))).isEqualTo(Images.MAX_PIXELS);
        long small = Images.maxPixels(new org.ambidex.core.MemoryBudget(100L << 20));
        assertThat(small).isEqualTo((long) ((100L << 20) * Images.READ_HEAP_SHARE / Images.READ_BYTES_PER_PIXEL));
        Path big = dir.resolve("big.png");
        ImageIO.write(new BufferedImage(2000, 1500, BufferedImage.TYPE_INT_RGB), "png", big.toFile());
        String previous = System.getProperty(org.ambidex.core.MemoryBudget.HEAP_PROPERTY);
        System.setProperty(org.ambidex.core.MemoryBudget.HEAP_PROPERTY, Long.toString(100L << 20));
        try {
            assertThatThrownBy(() -> Images.read(big)).isInstanceOf(BadInputException.class)
                .hasMessage(big + ": image is 2000x1500 pixels, more than the " + small + " that can be read: the"
                    + " 100 MB Java heap allows less; raise it with AMBIDEX_JAVA_OPTS=-Xmx...");
        } finally {
            if (previous == null) {
                System.clearProperty(org.ambidex.core.MemoryBudget.HEAP_PROPERTY);
            } else {
                System.setProperty(org.ambidex.core.MemoryBudget.HEAP_PROPERTY, previous);
            }
        }
    }
}
