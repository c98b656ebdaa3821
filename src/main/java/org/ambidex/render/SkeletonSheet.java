package org.ambidex.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A 2 x 2 sheet of orthographic views of 3D hand skeletons (no mesh): front (x right, y down), side (z right,
 * y down), top (x right, z down) and oblique (turned 45 degrees about the vertical, tilted 30 degrees). All panels
 * share one scale, so lengths compare across panels; the axes may be in any unit (metres in the camera frame, or
 * pixels and depth), named by the caller in {@code caption}.
 */
public final class SkeletonSheet {

    /** Names of the panels, in reading order. */
    public static final List<String> PANELS = List.of("front", "side", "top", "oblique");

    private SkeletonSheet() {
    }

    /**
     * One hand's 3D skeleton to draw.
     *
     * @param joints 21 x 3 coordinates in OpenPose order, flattened
     * @param handIndex 0 right, 1 left
     */
    public record Hand(double[] joints, int handIndex) {
        public Hand {
            if (joints.length != 3 * Overlays.JOINTS) {
                throw new IllegalArgumentException("a skeleton has 21 x 3 coordinates, got " + joints.length);
            }
            joints = joints.clone();
        }
    }

    /** Renders the sheet, each panel {@code panel} pixels square; {@code caption} names the axes' units. */
    public static BufferedImage render(List<Hand> skeletons, int panel, String caption) {
        if (panel < 32) {
            throw new IllegalArgumentException("panel size must be at least 32 pixels, got " + panel);
        }
        BufferedImage sheet = new BufferedImage(2 * panel, 2 * panel, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        g.setColor(new Color(0xDDDDDD));
        g.drawLine(panel, 0, panel, 2 * panel);
        g.drawLine(0, panel, 2 * panel, panel);
        g.dispose();
        // projected 2D points per panel and skeleton
        double[][][] projected = new double[4][skeletons.size()][];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double[][] centres = new double[4][2];
        for (int v = 0; v < 4; v++) {
            double lo0 = Double.POSITIVE_INFINITY;
            double hi0 = Double.NEGATIVE_INFINITY;
            double lo1 = Double.POSITIVE_INFINITY;
            double hi1 = Double.NEGATIVE_INFINITY;
            for (int s = 0; s < skeletons.size(); s++) {
                double[] p = project(skeletons.get(s).joints(), v);
                projected[v][s] = p;
                for (int j = 0; j < Overlays.JOINTS; j++) {
                    if (Double.isFinite(p[2 * j]) && Double.isFinite(p[2 * j + 1])) {
                        lo0 = Math.min(lo0, p[2 * j]);
                        hi0 = Math.max(hi0, p[2 * j]);
                        lo1 = Math.min(lo1, p[2 * j + 1]);
                        hi1 = Math.max(hi1, p[2 * j + 1]);
                    }
                }
            }
            centres[v][0] = (lo0 + hi0) / 2;
            centres[v][1] = (lo1 + hi1) / 2;
            min = Math.min(min, Math.min(lo0 - centres[v][0], lo1 - centres[v][1]));
            max = Math.max(max, Math.max(hi0 - centres[v][0], hi1 - centres[v][1]));
        }
        double half = Math.max(Math.max(-min, max), 1e-9);
        double scale = 0.42 * panel / half;
        for (int v = 0; v < 4; v++) {
            BufferedImage view = new BufferedImage(panel, panel, BufferedImage.TYPE_INT_RGB);
            Graphics2D pg = view.createGraphics();
            pg.setColor(Color.WHITE);
            pg.fillRect(0, 0, panel, panel);
            pg.dispose();
            if (Double.isFinite(centres[v][0])) {
                for (int s = 0; s < skeletons.size(); s++) {
                    double[] p = projected[v][s];
                    double[][] pts = new double[Overlays.JOINTS][2];
                    for (int j = 0; j < Overlays.JOINTS; j++) {
                        pts[j][0] = panel / 2.0 + (p[2 * j] - centres[v][0]) * scale;
                        pts[j][1] = panel / 2.0 + (p[2 * j + 1] - centres[v][1]) * scale;
                    }
                    Overlays.drawSkeleton(view, pts, skeletons.get(s).handIndex());
                }
            }
            Overlays.drawLabel(view, PANELS.get(v), 4, 4, Palette.BACKGROUND);
            Graphics2D sg = sheet.createGraphics();
            sg.drawImage(view, (v % 2) * panel, (v / 2) * panel, null);
            sg.dispose();
        }
        if (caption != null && !caption.isEmpty()) {
            Overlays.drawLabel(sheet, caption, 4, sheet.getHeight() - Overlays.labelHeight(sheet) - 4,
                Palette.BACKGROUND);
        }
        return sheet;
    }

    /** The 2D coordinates of the joints in view {@code v}. */
    private static double[] project(double[] xyz, int v) {
        double[] out = new double[2 * Overlays.JOINTS];
        double c45 = Math.cos(Math.toRadians(45));
        double s45 = Math.sin(Math.toRadians(45));
        double c30 = Math.cos(Math.toRadians(30));
        double s30 = Math.sin(Math.toRadians(30));
        for (int j = 0; j < Overlays.JOINTS; j++) {
            double x = xyz[3 * j];
            double y = xyz[3 * j + 1];
            double z = xyz[3 * j + 2];
            switch (v) {
                case 0 -> { out[2 * j] = x; out[2 * j + 1] = y; }
                case 1 -> { out[2 * j] = z; out[2 * j + 1] = y; }
                case 2 -> { out[2 * j] = x; out[2 * j + 1] = z; }
                default -> {
                    double xr = c45 * x + s45 * z;
                    double zr = -s45 * x + c45 * z;
                    out[2 * j] = xr;
                    out[2 * j + 1] = c30 * y - s30 * zr;
                }
            }
        }
        return out;
    }
}
