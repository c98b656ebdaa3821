package org.ambidex.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.ambidex.geom.Camera;
import org.ambidex.io.mesh.Rgb;

/**
 * 2D drawings over images: hand skeletons, meshes over a photo, boxes and labels. Methods named
 * {@code draw...} paint into the image they are given (anti-aliased); {@link #meshOverlay} returns a new image.
 * Coordinates are pixels with centres at integers (OpenCV), as every projection in ambidex produces.
 */
public final class Overlays {

    /** Number of joints of a hand skeleton in the canonical OpenPose order. */
    public static final int JOINTS = 21;

    /**
     * The 20 bones of the OpenPose 21-joint hand as (parent, child) joint indices: the wrist (0) to each
     * finger's base, then along the finger (thumb 1-4, index 5-8, middle 9-12, ring 13-16, little 17-20).
     */
    public static final int[][] BONES = bones();

    private Overlays() {
    }

    private static int[][] bones() {
        int[][] b = new int[20][];
        for (int finger = 0; finger < 5; finger++) {
            int base = 1 + 4 * finger;
            b[4 * finger] = new int[] {0, base};
            for (int k = 1; k < 4; k++) {
                b[4 * finger + k] = new int[] {base + k - 1, base + k};
            }
        }
        return b;
    }

    /** Line width and joint-dot radius that read well on an image of this size. */
    public static float lineWidthFor(BufferedImage image) {
        return (float) Math.max(1.5, Math.min(image.getWidth(), image.getHeight()) / 160.0);
    }

    /**
     * Draws a hand skeleton: bones in finger colours ({@link Palette#finger}) and a dot on each joint.
     *
     * @param target image to draw into
     * @param joints (21, 2) pixel coordinates {@code joints[j] = {u, v}} in OpenPose order; a joint with a
     *               non-finite coordinate is not drawn, nor are its bones
     * @param handIndex 0 right, 1 left: the wrist dot and the dots' rims take that hand's colour; -1 for none
     */
    public static void drawSkeleton(BufferedImage target, double[][] joints, int handIndex) {
        if (joints.length != JOINTS) {
            throw new IllegalArgumentException("a hand skeleton has " + JOINTS + " joints in OpenPose order, got "
                + joints.length);
        }
        float width = lineWidthFor(target);
        Graphics2D g = graphics(target);
        try {
            g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            for (int b = 0; b < BONES.length; b++) {
                double[] p = joints[BONES[b][0]];
                double[] q = joints[BONES[b][1]];
                if (!visible(p) || !visible(q)) {
                    continue;
                }
                g.setColor(awt(Palette.finger(b / 4, b % 4)));
                g.draw(new Line2D.Double(p[0], p[1], q[0], q[1]));
            }
            Color rim = handIndex < 0 ? Color.DARK_GRAY : awt(Palette.hand(handIndex)).darker();
            double r = width * 1.4;
            g.setStroke(new BasicStroke(Math.max(1f, width / 2)));
            for (int j = 0; j < JOINTS; j++) {
                if (!visible(joints[j])) {
                    continue;
                }
                Rgb fill = j == 0 ? (handIndex < 0 ? Palette.wrist() : Palette.hand(handIndex))
                    : Palette.finger((j - 1) / 4, (j - 1) % 4);
                Ellipse2D dot = new Ellipse2D.Double(joints[j][0] - r, joints[j][1] - r, 2 * r, 2 * r);
                g.setColor(awt(fill));
                g.fill(dot);
                g.setColor(rim);
                g.draw(dot);
            }
        } finally {
            g.dispose();
        }
    }

    /**
     * {@code photo} with {@code meshes} drawn over it through {@code camera} (intrinsics in the photo's pixels)
     * at {@code opacity} (0 invisible .. 1 opaque), 2x2 supersampled. The photo is not modified.
     */
    public static BufferedImage meshOverlay(BufferedImage photo, Camera camera, List<SceneMesh> meshes,
                                            double opacity) {
        Scene scene = Scene.over(org.ambidex.io.image.Images.toRgb(photo), camera).withMeshes(meshes)
            .withOpacity(opacity);
        return Renderer.render(scene).image();
    }

    /** Draws the outline of the box {@code [x0, x1] x [y0, y1]} (pixels) in {@code color}. */
    public static void drawBox(BufferedImage target, double x0, double y0, double x1, double y1, Rgb color) {
        Graphics2D g = graphics(target);
        try {
            g.setStroke(new BasicStroke(lineWidthFor(target)));
            g.setColor(awt(color));
            g.draw(new Rectangle2D.Double(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0)));
        } finally {
            g.dispose();
        }
    }

    /**
     * Draws {@code text} with its top-left corner at {@code (x, y)} on a translucent dark plate, so it reads
     * on any background. The font size follows the image size.
     */
    public static void drawLabel(BufferedImage target, String text, double x, double y, Rgb color) {
        Graphics2D g = graphics(target);
        try {
            int size = labelFontSize(target);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
            FontMetrics fm = g.getFontMetrics();
            double pad = size * 0.3;
            double w = fm.stringWidth(text) + 2 * pad;
            double h = fm.getAscent() + fm.getDescent() + 2 * pad;
            g.setColor(new Color(0, 0, 0, 150));
            g.fill(new Rectangle2D.Double(x, y, w, h));
            g.setColor(awt(color));
            g.drawString(text, (float) (x + pad), (float) (y + pad + fm.getAscent()));
        } finally {
            g.dispose();
        }
    }

    /** Height in pixels of the plate {@link #drawLabel} draws on {@code target}. */
    public static double labelHeight(BufferedImage target) {
        Graphics2D g = graphics(target);
        try {
            int size = labelFontSize(target);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
            FontMetrics fm = g.getFontMetrics();
            return fm.getAscent() + fm.getDescent() + 2 * size * 0.3;
        } finally {
            g.dispose();
        }
    }

    private static int labelFontSize(BufferedImage target) {
        return (int) Math.max(11, Math.round(Math.min(target.getWidth(), target.getHeight()) / 28.0));
    }

    /** Draws a filled swatch of {@code color} followed by {@code text} (a legend entry) at {@code (x, y)}. */
    public static void drawLegendEntry(BufferedImage target, Rgb color, String text, double x, double y) {
        double h = labelHeight(target);
        Graphics2D g = graphics(target);
        try {
            g.setColor(new Color(0, 0, 0, 150));
            g.fill(new Rectangle2D.Double(x, y, h, h));
            g.setColor(awt(color));
            g.fill(new Rectangle2D.Double(x + h * 0.2, y + h * 0.2, h * 0.6, h * 0.6));
        } finally {
            g.dispose();
        }
        drawLabel(target, text, x + h, y, Rgb.ofHex(0xFFFFFF));
    }

    private static boolean visible(double[] p) {
        return p != null && p.length >= 2 && Double.isFinite(p[0]) && Double.isFinite(p[1]);
    }

    static Color awt(Rgb c) {
        return new Color(c.toHex());
    }

    private static Graphics2D graphics(BufferedImage target) {
        Graphics2D g = target.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        // Java2D puts pixel centres at half-integers; ambidex coordinates put them at integers.
        g.translate(0.5, 0.5);
        return g;
    }
}
