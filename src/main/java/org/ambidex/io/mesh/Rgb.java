package org.ambidex.io.mesh;

/**
 * An opaque colour with sRGB-encoded channels in {@code [0, 1]} (the encoding of image files and of colour
 * pickers; renderers and glTF convert to linear light with {@link #toLinear(double)}).
 *
 * @param r red, sRGB, 0..1
 * @param g green, sRGB, 0..1
 * @param b blue, sRGB, 0..1
 */
public record Rgb(double r, double g, double b) {

    public Rgb {
        check(r, "r");
        check(g, "g");
        check(b, "b");
    }

    /** A colour from 8-bit sRGB channels 0..255. */
    public static Rgb of8Bit(int r, int g, int b) {
        return new Rgb(r / 255.0, g / 255.0, b / 255.0);
    }

    /** A colour from a packed {@code 0xRRGGBB} value. */
    public static Rgb ofHex(int rgb) {
        return of8Bit((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
    }

    /** The packed {@code 0xRRGGBB} value, channels rounded to 8 bits. */
    public int toHex() {
        return (to8Bit(r) << 16) | (to8Bit(g) << 8) | to8Bit(b);
    }

    /** This colour's channels in linear light (IEC 61966-2-1 transfer function). */
    public double[] toLinearArray() {
        return new double[] {toLinear(r), toLinear(g), toLinear(b)};
    }

    /** sRGB-encoded value (0..1) to linear light (0..1). */
    public static double toLinear(double srgb) {
        return srgb <= 0.04045 ? srgb / 12.92 : Math.pow((srgb + 0.055) / 1.055, 2.4);
    }

    /** Linear light (0..1, clamped) to sRGB-encoded (0..1). */
    public static double toSrgb(double linear) {
        double c = Math.min(1, Math.max(0, linear));
        return c <= 0.0031308 ? c * 12.92 : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
    }

    /** An sRGB value 0..1 rounded to 0..255. */
    public static int to8Bit(double srgb) {
        return (int) Math.round(Math.min(1, Math.max(0, srgb)) * 255);
    }

    private static void check(double v, String name) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException("colour channel " + name + " must be in [0, 1], got " + v);
        }
    }
}
