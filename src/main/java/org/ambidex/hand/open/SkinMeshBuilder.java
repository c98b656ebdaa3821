package org.ambidex.hand.open;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the closed skin of a {@link RestSkeleton} as one structured quad surface, triangulated: a palm tube of
 * rings from the wrist cut (closed by a flat cap) to the knuckle line, where its last ring is exactly the
 * union of the four finger tubes' first rings (neighbouring fingers share the web vertices), and a thumb tube
 * whose first ring is the boundary of a rectangular patch cut out of the palm's radial-palmar side. Each
 * finger tube ends in a rounded cap closed by a pole vertex, the fingertip.
 *
 * <p>The topology (vertex and face counts, which vertex is which) does not depend on the anatomy, so meshes
 * of different hands correspond vertex by vertex, which the shape space needs.
 */
final class SkinMeshBuilder {

    /** Dorsal interior vertices per finger ring; the ring has {@code 2A + 4} vertices. */
    static final int A = 6;
    /** Vertices per digit ring. */
    static final int N = 2 * A + 4;
    /** Last dorsal palm column; the palm ring has {@code 2 (Q + 1)} vertices. */
    static final int Q = 4 * (A + 1);
    /** Vertices per palm ring. */
    static final int M = 2 * (Q + 1);
    /** Fractions of each palm column's length (wrist cut to knuckle ring) where palm rings lie. */
    static final double[] PALM_U = {0, 0.09, 0.19, 0.30, 0.41, 0.52, 0.63, 0.73, 0.82, 0.905};
    /** Palm rings spanned by the thumb patch (first and last, inclusive). */
    static final int PATCH_RING_FIRST = 2;
    static final int PATCH_RING_LAST = 7;
    /** Palm columns spanned by the thumb patch: the radial-palmar corner, {@code M-4 .. M-1, 0}. */
    static final int PATCH_COLUMNS = 3;
    /** Where the wrist cut lies along s (m, proximal of the wrist joint). */
    static final double WRIST_CUT = -0.018;
    /** Superellipse exponent of the cross-sections (2 is an ellipse, larger is boxier). */
    private static final double EXPONENT = 2.5;

    private final RestSkeleton skeleton;
    private final List<double[]> points = new ArrayList<>();
    private final List<SkinMesh.Attachment[]> attach = new ArrayList<>();
    private final List<int[]> quads = new ArrayList<>();
    private final List<int[]> triangles = new ArrayList<>();

    private SkinMeshBuilder(RestSkeleton skeleton) {
        this.skeleton = skeleton;
    }

    /** The skin of {@code skeleton}. */
    static SkinMesh build(RestSkeleton skeleton) {
        return new SkinMeshBuilder(skeleton).run();
    }

    private int add(double[] sth, SkinMesh.Attachment... attachments) {
        points.add(sth);
        attach.add(attachments);
        return points.size() - 1;
    }

    private SkinMesh run() {
        int[][] fingerBase = new int[5][N];
        int[] distal = buildKnuckleRing(fingerBase);
        int[][] palm = buildPalm(distal);
        buildWristCap(palm[0]);
        int[] tips = new int[5];
        for (int d = 1; d < 5; d++) {
            tips[d] = buildDigitTube(d, fingerBase[d], fingerStations(d));
        }
        int[] thumbBase = thumbPatchBoundary(palm);
        tips[0] = buildDigitTube(0, alignRing(0, thumbBase), thumbStations());
        return finish(tips);
    }

    // ---------------------------------------------------------------- cross-sections

    /** Half width, dorsal height, palmar depth of digit {@code d} at chain coordinate {@code c}. */
    private double[] section(int d, double c) {
        HandAnatomy.Digit g = skeleton.anatomy.digits()[d];
        double total = g.totalLength();
        double taper = 1 - 0.20 * Math.min(1, Math.max(0, c) / total);
        double j2 = skeleton.station[d][1];
        double j3 = skeleton.station[d][2];
        double knuckle = bump(c, j2, 0.004) + 0.8 * bump(c, j3, 0.0035);
        double pads = bump(c, 0.5 * (j2 + j3), 0.006) + bump(c, 0.5 * (j3 + total), 0.005);
        double halfWidth = 0.5 * g.width() * taper + 0.0006 * knuckle;
        double dorsalHeight = 0.46 * g.depth() * taper + 0.0009 * knuckle;
        double palmarDepth = 0.54 * g.depth() * taper - 0.0007 * knuckle + 0.0006 * pads;
        if (d == 0) {
            // The thenar eminence: the thumb's metacarpal segment is wrapped in muscle on its palmar side.
            double thenar = bump(c, 0.35 * j2, 0.45 * j2);
            halfWidth += 0.0045 * thenar;
            palmarDepth += 0.0060 * thenar;
        }
        return new double[] {halfWidth, dorsalHeight, palmarDepth};
    }

    private static double bump(double x, double centre, double width) {
        double u = (x - centre) / width;
        return StrictMath.exp(-0.5 * u * u);
    }

    /** Superellipse-style coordinate: sign(v) |v|^(2/e). */
    private static double shape(double v) {
        return Math.signum(v) * StrictMath.pow(Math.abs(v), 2.0 / EXPONENT);
    }

    /** Angle of vertex {@code k} of a digit ring, from the radial side towards the dorsal side. */
    private static double ringAngle(int k) {
        return (k + 0.5) * 2 * Math.PI / N;
    }

    /** A point of digit {@code d}'s ring at chain coordinate {@code c} and ring angle {@code phi}. */
    private double[] ringPoint(int d, double c, double phi, double scale, double palmarShift) {
        double[][] frame = frameAt(d, c);
        double[] sec = section(d, Math.min(c, skeleton.station[d][3]));
        double cos = StrictMath.cos(phi);
        double sin = StrictMath.sin(phi);
        double lateral = sec[0] * scale * shape(cos);
        double vertical = (sin >= 0 ? sec[1] : sec[2]) * scale * shape(sin) - palmarShift;
        double[] p = Vec3Arrays.axpy(frame[0], lateral, frame[2]);
        return Vec3Arrays.axpy(p, vertical, frame[1]);
    }

    /**
     * The chain point at coordinate {@code c} and the ring frame there: {centre, dorsal, radial}. Near a
     * joint the frame turns smoothly from one segment's to the next.
     */
    private double[][] frameAt(int d, double c) {
        double[] st = skeleton.station[d];
        int seg = c < st[1] ? 0 : c < st[2] ? 1 : 2;
        double[] centre = Vec3Arrays.axpy(skeleton.chain[d][seg], c - st[seg], skeleton.axis[d][seg]);
        double[] axis = skeleton.axis[d][seg];
        double[] dorsal = skeleton.dorsal[d][seg];
        for (int j = 1; j <= 2; j++) {
            double w = 0.5 * (1 + Math.max(-1, Math.min(1, (c - st[j]) / 0.005)));
            if (w > 0 && w < 1) {
                axis = Vec3Arrays.unit(Vec3Arrays.lerp(skeleton.axis[d][j - 1], skeleton.axis[d][j], w));
                dorsal = Vec3Arrays.orthoUnit(Vec3Arrays.lerp(skeleton.dorsal[d][j - 1], skeleton.dorsal[d][j], w),
                    axis);
            }
        }
        return new double[][] {centre, dorsal, Vec3Arrays.cross(dorsal, axis)};
    }

    // ---------------------------------------------------------------- knuckle ring

    /** Chain coordinates of the knuckle ring: over the knuckle dorsally, further on the palm side and webs. */
    private static final double BASE_DORSAL = 0.004;
    private static final double BASE_PALMAR = 0.011;
    private static final double BASE_WEB = 0.0055;

    /**
     * Creates the ring shared by the palm's distal end and the four finger bases. Returns the palm ring
     * (M vertex ids); fills {@code fingerBase[d]} with each finger's first ring (N ids).
     */
    private int[] buildKnuckleRing(int[][] fingerBase) {
        double[][][] raw = new double[5][N][];
        for (int d = 1; d < 5; d++) {
            for (int k = 0; k < N; k++) {
                boolean web = k == 0 || k == A + 1 || k == A + 2 || k == N - 1;
                boolean dorsal = k <= A + 1;
                double c = web ? BASE_WEB : dorsal ? BASE_DORSAL : BASE_PALMAR;
                raw[d][k] = ringPoint(d, c, ringAngle(k), 1.0, 0);
            }
        }
        int[] ring = new int[M];
        for (int f = 0; f < 4; f++) {
            int d = f + 1;
            for (int k = 0; k < N; k++) {
                int column = palmColumn(f, k);
                boolean sharedWithPrevious = f > 0 && (k == 0 || k == N - 1);
                if (sharedWithPrevious) {
                    fingerBase[d][k] = ring[column];
                    continue;
                }
                boolean sharedWithNext = f < 3 && (k == A + 1 || k == A + 2);
                double[] p = raw[d][k];
                SkinMesh.Attachment[] at;
                if (sharedWithNext) {
                    double[] q = raw[d + 1][k == A + 1 ? 0 : N - 1];
                    p = Vec3Arrays.lerp(p, q, 0.5);
                    at = new SkinMesh.Attachment[] {new SkinMesh.Attachment(d, BASE_WEB, 0.5),
                        new SkinMesh.Attachment(d + 1, BASE_WEB, 0.5)};
                } else {
                    at = new SkinMesh.Attachment[] {new SkinMesh.Attachment(d, stationOf(d, p), 1.0)};
                }
                int id = add(p, at);
                ring[column] = id;
                fingerBase[d][k] = id;
            }
        }
        return ring;
    }

    /** Palm ring column of finger {@code f} (0 index .. 3 pinky) ring vertex {@code k}. */
    static int palmColumn(int f, int k) {
        if (k <= A + 1) {
            return (A + 1) * f + k;
        }
        int q = (A + 1) * f + (N - 1 - k);
        return M - 1 - q;
    }

    /** Chain coordinate of a hand-frame point on digit {@code d}'s first segment axis. */
    private double stationOf(int d, double[] p) {
        return Vec3Arrays.dot(Vec3Arrays.sub(p, skeleton.chain[d][0]), skeleton.axis[d][0]);
    }

    // ---------------------------------------------------------------- palm

    /** Palm rings 0..PALM_U.length-1 plus the knuckle ring as the last row. */
    private int[][] buildPalm(int[] distal) {
        HandAnatomy an = skeleton.anatomy;
        double[][] end = new double[M][];
        double tMin = Double.MAX_VALUE;
        double tMax = -Double.MAX_VALUE;
        double hMin = Double.MAX_VALUE;
        double hMax = -Double.MAX_VALUE;
        for (int j = 0; j < M; j++) {
            end[j] = points.get(distal[j]);
            tMin = Math.min(tMin, end[j][1]);
            tMax = Math.max(tMax, end[j][1]);
            hMin = Math.min(hMin, end[j][2]);
            hMax = Math.max(hMax, end[j][2]);
        }
        double tCentre = 0.5 * (tMin + tMax);
        double halfT = 0.5 * (tMax - tMin);
        // Columns are spread around the wrist section by their arc length along the knuckle ring, each side
        // (dorsal, palmar) on its own half, so that neighbouring columns never cross.
        double[] psi = new double[M];
        double[] dorsalArc = new double[Q + 1];
        double[] palmarArc = new double[Q + 1];
        for (int q = 1; q <= Q; q++) {
            dorsalArc[q] = dorsalArc[q - 1] + crossDistance(end[q - 1], end[q]);
            palmarArc[q] = palmarArc[q - 1] + crossDistance(end[M - q], end[M - 1 - q]);
        }
        for (int q = 0; q <= Q; q++) {
            psi[q] = Math.PI * (0.05 + 0.90 * dorsalArc[q] / dorsalArc[Q]);
            psi[M - 1 - q] = -Math.PI * (0.05 + 0.90 * palmarArc[q] / palmarArc[Q]);
        }
        // Rings advance along each column by a fraction of a local reference length (the nearest knuckle
        // rather than the webs, which reach further), so a ring does not zig-zag between columns.
        double[] reach = new double[M];
        for (int j = 0; j < M; j++) {
            reach[j] = Double.MAX_VALUE;
            for (int o = -3; o <= 3; o++) {
                reach[j] = Math.min(reach[j], end[Math.floorMod(j + o, M)][0]);
            }
        }
        int rings = PALM_U.length;
        int[][] ids = new int[rings + 1][M];
        for (int r = 0; r < rings; r++) {
            double u = PALM_U[r];
            // Width grows from the wrist to mid-palm; the cross-section hands over to the knuckle ring at the end.
            double grow = Skinning.smoothstep((u - 0.22) / 0.22);
            double halfWidth = an.wristHalfWidth() + (an.palmHalfWidth() - an.wristHalfWidth()) * grow;
            double centreT = 0.25 * tCentre * grow;
            double dorsal = an.wristDorsal() + (an.palmDorsal() - an.wristDorsal()) * grow;
            double palmar = an.wristPalmar() + (an.palmPalmar() - an.wristPalmar()) * grow;
            double handOver = Skinning.smoothstep((u - 0.78) / 0.22);
            for (int j = 0; j < M; j++) {
                double cos = StrictMath.cos(psi[j]);
                double sin = StrictMath.sin(psi[j]);
                double side = Math.abs(cos);
                // Thenar and hypothenar pads make the palm's sides fuller than its hollow centre.
                double pads = palmar * (1 + 0.18 * side * side) * bump(u, 0.45, 0.3);
                double vertical = sin >= 0 ? dorsal * shape(sin) : Math.max(palmar, pads) * shape(sin);
                double t = centreT + halfWidth * shape(cos);
                double sEnd = reach[j];
                double s = WRIST_CUT + u * (sEnd - WRIST_CUT);
                double[] p = {s, t + handOver * (end[j][1] - t), vertical + handOver * (end[j][2] - vertical)};
                ids[r][j] = addPalmVertex(j, p);
            }
        }
        ids[rings] = distal;
        for (int r = 0; r < rings; r++) {
            for (int j = 0; j < M; j++) {
                if (r >= PATCH_RING_FIRST && r < PATCH_RING_LAST && inPatchColumns(j)) {
                    continue;
                }
                int j1 = (j + 1) % M;
                quads.add(new int[] {ids[r][j], ids[r][j1], ids[r + 1][j1], ids[r + 1][j]});
            }
        }
        return ids;
    }

    /** Distance of two points across the hand (in the t-h plane). */
    private static double crossDistance(double[] a, double[] b) {
        return StrictMath.hypot(a[1] - b[1], a[2] - b[2]);
    }

    /** True when the quad starting at column {@code j} lies in the thumb patch. */
    private static boolean inPatchColumns(int j) {
        return j >= M - PATCH_COLUMNS;
    }

    /** Thumb stations (m from the CMC) where the thumb tube leaves the palm. */
    private static final double THUMB_EXIT = 0.90;
    /** Softness (m) of the union of the palm with the thenar capsule. */
    private static final double THENAR_SOFTNESS = 0.003;

    /**
     * Adds a palm vertex, first pushed out onto the thenar capsule (the thumb metacarpal wrapped in its
     * muscles) where it lies inside it; such vertices also follow the thumb, more the deeper they were.
     */
    private int addPalmVertex(int column, double[] p) {
        double[] base = skeleton.chain[0][0];
        double[] a = skeleton.axis[0][0];
        double length = skeleton.station[0][1];
        double c = Math.max(0, Math.min(length, Vec3Arrays.dot(Vec3Arrays.sub(p, base), a)));
        double[] q = Vec3Arrays.axpy(base, c, a);
        double[] off = Vec3Arrays.sub(p, q);
        double d = Vec3Arrays.norm(off);
        double radius = thenarRadius(c);
        SkinMesh.Attachment[] fingers = palmAttachments(column, p);
        double k = THENAR_SOFTNESS;
        // The skin over and around the thenar follows the thumb, fully inside the capsule, fading out
        // over a band beyond it.
        double share = 0.9 * Skinning.smoothstep((radius + 0.008 - d) / 0.012);
        double[] moved = p;
        if (d < radius + 3 * k && d > 1e-9) {
            double pushed = 0.5 * (d + radius + Math.sqrt((d - radius) * (d - radius) + k * k));
            moved = Vec3Arrays.axpy(q, pushed / d, off);
        }
        if (share <= 0) {
            return add(moved, fingers);
        }
        SkinMesh.Attachment[] all = new SkinMesh.Attachment[fingers.length + 1];
        for (int i = 0; i < fingers.length; i++) {
            all[i] = new SkinMesh.Attachment(fingers[i].digit(), fingers[i].station(),
                fingers[i].share() * (1 - share));
        }
        all[fingers.length] = new SkinMesh.Attachment(0, c, share);
        return add(moved, all);
    }

    /** Least share of the thumb in the skinning of the palm at 0, 1, 2, 3 grid steps from the thumb patch. */
    private static final double[] RIM_FALLOFF = {0.5, 0.32, 0.17, 0.06};
    /**
     * Share of the loft ring's skinning that is the thumb's own; the rest copies its rim vertex's (palm and
     * thumb) skinning. A loft ring wholly on the thumb made the narrow rim-to-loft band take the whole step
     * from the rim's share to 1 and fold at the CMC's flexion and adduction limits.
     */
    private static final double LOFT_THUMB_SHARE = 0.3;

    private void followThumbAtLeast(int id, double share) {
        SkinMesh.Attachment[] old = attach.get(id);
        double current = 0;
        for (SkinMesh.Attachment a : old) {
            current += a.digit() == 0 ? a.share() : 0;
        }
        if (current >= share) {
            return;
        }
        double[] p = points.get(id);
        double c = Math.max(0, Math.min(skeleton.station[0][1],
            Vec3Arrays.dot(Vec3Arrays.sub(p, skeleton.chain[0][0]), skeleton.axis[0][0])));
        java.util.List<SkinMesh.Attachment> out = new ArrayList<>();
        double rest = (1 - share) / (1 - current);
        for (SkinMesh.Attachment a : old) {
            if (a.digit() != 0) {
                out.add(new SkinMesh.Attachment(a.digit(), a.station(), a.share() * rest));
            }
        }
        out.add(new SkinMesh.Attachment(0, c, share));
        attach.set(id, out.toArray(new SkinMesh.Attachment[0]));
    }

    /** Radius (m) of the thenar capsule at thumb chain coordinate {@code c}. */
    private double thenarRadius(double c) {
        double[] sec = section(0, c);
        return 0.95 * Math.max(sec[0], sec[2]);
    }

    /** The fingers a palm column follows: its finger, or two at a web column. */
    private SkinMesh.Attachment[] palmAttachments(int column, double[] p) {
        int q = column <= Q ? column : M - 1 - column;
        int f = q / (A + 1);
        boolean web = q % (A + 1) == 0 && q > 0 && q < Q;
        if (web) {
            return new SkinMesh.Attachment[] {new SkinMesh.Attachment(f, stationOf(f, p), 0.5),
                new SkinMesh.Attachment(f + 1, stationOf(f + 1, p), 0.5)};
        }
        int d = Math.min(f, 3) + 1;
        return new SkinMesh.Attachment[] {new SkinMesh.Attachment(d, stationOf(d, p), 1.0)};
    }

    private void buildWristCap(int[] ring) {
        double[] centre = new double[3];
        for (int id : ring) {
            centre = Vec3Arrays.axpy(centre, 1.0 / M, points.get(id));
        }
        int[] inner = new int[M];
        for (int j = 0; j < M; j++) {
            inner[j] = add(Vec3Arrays.lerp(centre, points.get(ring[j]), 0.55));
        }
        int c = add(centre);
        for (int j = 0; j < M; j++) {
            int j1 = (j + 1) % M;
            quads.add(new int[] {ring[j1], ring[j], inner[j], inner[j1]});
            triangles.add(new int[] {inner[j1], inner[j], c});
        }
    }

    // ---------------------------------------------------------------- digits

    private double[] fingerStations(int d) {
        double[] st = skeleton.station[d];
        double l1 = st[1];
        double l3 = st[3] - st[2];
        return new double[] {0.55 * l1, l1 - 0.0055, l1, l1 + 0.0045, st[1] + 0.5 * (st[2] - st[1]),
            st[2] - 0.0040, st[2], st[2] + 0.0040, st[2] + 0.45 * l3};
    }

    private double[] thumbStations() {
        double[] st = skeleton.station[0];
        double l3 = st[3] - st[2];
        return new double[] {THUMB_EXIT * st[1], st[1], st[1] + 0.0050, st[1] + 0.5 * (st[2] - st[1]),
            st[2] - 0.0045, st[2], st[2] + 0.0045, st[2] + 0.45 * l3};
    }

    /** Cap angles (degrees) of the rings that round off the fingertip. */
    private static final double[] CAP = {0, 32, 56, 76};

    /**
     * Rings at {@code stations} after the given first ring, then a rounded cap and the tip pole. Returns the
     * pole's id.
     */
    private int buildDigitTube(int d, int[] first, double[] stations) {
        double tip = skeleton.station[d][3];
        double[] tipSection = section(d, tip);
        double radius = Math.min(tipSection[0], tipSection[2]) * 1.05;
        double capStart = tip - radius;
        List<int[]> rings = new ArrayList<>();
        rings.add(first);
        if (d == 0) {
            rings.add(loftRing(first, stations[0]));
        }
        for (double c : stations) {
            rings.add(ring(d, c, 1.0, 0));
        }
        for (double beta : CAP) {
            double b = Math.toRadians(beta);
            double c = capStart + radius * StrictMath.sin(b);
            double shift = 0.22 * tipSection[2] * StrictMath.sin(b);
            rings.add(ring(d, c, StrictMath.cos(b), shift));
        }
        for (int r = 0; r + 1 < rings.size(); r++) {
            int[] a = rings.get(r);
            int[] b = rings.get(r + 1);
            for (int k = 0; k < N; k++) {
                int k1 = (k + 1) % N;
                quads.add(new int[] {a[k], a[k1], b[k1], b[k]});
            }
        }
        double[][] frame = frameAt(d, tip);
        double[] polePoint = Vec3Arrays.axpy(frame[0], -0.22 * tipSection[2], frame[1]);
        int pole = add(polePoint, new SkinMesh.Attachment(d, tip, 1.0));
        int[] last = rings.get(rings.size() - 1);
        for (int k = 0; k < N; k++) {
            triangles.add(new int[] {last[k], last[(k + 1) % N], pole});
        }
        return pole;
    }

    /**
     * A ring half way between the thumb patch's rim and the thumb's first ring, kept outside the thenar
     * capsule, so the thumb grows out of the palm over two bands.
     */
    private int[] loftRing(int[] rim, double c1) {
        double[] base = skeleton.chain[0][0];
        double[] a = skeleton.axis[0][0];
        double length = skeleton.station[0][1];
        int[] ids = new int[N];
        for (int k = 0; k < N; k++) {
            double[] p = Vec3Arrays.lerp(points.get(rim[k]), ringPoint(0, c1, ringAngle(k), 1.0, 0), 0.5);
            double c = Math.max(0, Math.min(length, Vec3Arrays.dot(Vec3Arrays.sub(p, base), a)));
            double[] q = Vec3Arrays.axpy(base, c, a);
            double[] off = Vec3Arrays.sub(p, q);
            double dist = Vec3Arrays.norm(off);
            double radius = thenarRadius(c);
            if (dist < radius) {
                p = Vec3Arrays.axpy(q, radius / dist, off);
            }
            // Half way in space and in skinning: the thumb's pull grows from the rim over the loft band.
            SkinMesh.Attachment[] rimAttachments = attach.get(rim[k]);
            SkinMesh.Attachment[] all = new SkinMesh.Attachment[rimAttachments.length + 1];
            for (int i = 0; i < rimAttachments.length; i++) {
                SkinMesh.Attachment r = rimAttachments[i];
                all[i] = new SkinMesh.Attachment(r.digit(), r.station(), r.share() * (1 - LOFT_THUMB_SHARE));
            }
            all[rimAttachments.length] = new SkinMesh.Attachment(0, c, LOFT_THUMB_SHARE);
            ids[k] = add(p, all);
        }
        return ids;
    }

    private int[] ring(int d, double c, double scale, double palmarShift) {
        int[] ids = new int[N];
        for (int k = 0; k < N; k++) {
            ids[k] = add(ringPoint(d, c, ringAngle(k), scale, palmarShift), new SkinMesh.Attachment(d, c, 1.0));
        }
        return ids;
    }

    /**
     * The boundary of the thumb patch, counter-clockwise seen from outside (the direction the removed patch
     * quads ran), so the thumb tube's faces use its edges opposite to the palm's.
     */
    private int[] thumbPatchBoundary(int[][] palm) {
        int[] cols = new int[PATCH_COLUMNS + 1];
        for (int i = 0; i <= PATCH_COLUMNS; i++) {
            cols[i] = (M - PATCH_COLUMNS + i) % M;
        }
        List<Integer> loop = new ArrayList<>();
        for (int i = 0; i <= PATCH_COLUMNS; i++) {
            loop.add(palm[PATCH_RING_FIRST][cols[i]]);
        }
        for (int r = PATCH_RING_FIRST + 1; r <= PATCH_RING_LAST; r++) {
            loop.add(palm[r][cols[PATCH_COLUMNS]]);
        }
        for (int i = PATCH_COLUMNS - 1; i >= 0; i--) {
            loop.add(palm[PATCH_RING_LAST][cols[i]]);
        }
        for (int r = PATCH_RING_LAST - 1; r > PATCH_RING_FIRST; r--) {
            loop.add(palm[r][cols[0]]);
        }
        if (loop.size() != N) {
            throw new IllegalStateException("thumb patch boundary has " + loop.size() + " vertices, expected " + N);
        }
        // The rim where the thumb leaves the palm moves half with the thumb, so a thumb motion spreads over
        // two bands of skin instead of folding one.
        for (int r = 0; r < PALM_U.length; r++) {
            int dr = Math.max(0, Math.max(PATCH_RING_FIRST - r, r - PATCH_RING_LAST));
            for (int j = 0; j < M; j++) {
                // Columns of the patch run from M - PATCH_COLUMNS to M (= column 0).
                int dj = j == 0 ? 0 : j >= M - PATCH_COLUMNS ? 0
                    : Math.min(j, M - PATCH_COLUMNS - j);
                int grid = Math.max(dr, dj);
                if (grid < RIM_FALLOFF.length) {
                    followThumbAtLeast(palm[r][j], RIM_FALLOFF[grid]);
                }
            }
        }
        return loop.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Rotates a closed loop so that its vertex 0 sits where a digit ring's vertex 0 would, so the first
     * tube band is not twisted.
     */
    private int[] alignRing(int d, int[] loop) {
        double c = THUMB_EXIT * skeleton.station[d][1];
        double best = Double.MAX_VALUE;
        int shift = 0;
        for (int o = 0; o < N; o++) {
            double cost = 0;
            for (int k = 0; k < N; k++) {
                double[] target = ringPoint(d, c, ringAngle(k), 1.0, 0);
                double[] p = points.get(loop[(k + o) % N]);
                double[] delta = Vec3Arrays.sub(p, target);
                cost += Vec3Arrays.dot(delta, delta);
            }
            if (cost < best) {
                best = cost;
                shift = o;
            }
        }
        int[] out = new int[N];
        for (int k = 0; k < N; k++) {
            out[k] = loop[(k + shift) % N];
        }
        return out;
    }

    // ---------------------------------------------------------------- output

    private SkinMesh finish(int[] tips) {
        for (int[] q : quads) {
            // Split each quad along its shorter diagonal.
            double d02 = Vec3Arrays.norm(Vec3Arrays.sub(points.get(q[0]), points.get(q[2])));
            double d13 = Vec3Arrays.norm(Vec3Arrays.sub(points.get(q[1]), points.get(q[3])));
            if (d02 <= d13) {
                triangles.add(new int[] {q[0], q[1], q[2]});
                triangles.add(new int[] {q[0], q[2], q[3]});
            } else {
                triangles.add(new int[] {q[0], q[1], q[3]});
                triangles.add(new int[] {q[1], q[2], q[3]});
            }
        }
        // Drop vertices no face uses (the thumb patch's interior) and renumber.
        int n = points.size();
        boolean[] used = new boolean[n];
        for (int[] t : triangles) {
            for (int v : t) {
                used[v] = true;
            }
        }
        int[] remap = new int[n];
        Arrays.fill(remap, -1);
        int count = 0;
        for (int v = 0; v < n; v++) {
            if (used[v]) {
                remap[v] = count++;
            }
        }
        double[] vertices = new double[count * 3];
        SkinMesh.Attachment[][] attachments = new SkinMesh.Attachment[count][];
        for (int v = 0; v < n; v++) {
            if (remap[v] >= 0) {
                double[] m = RestSkeleton.toModelFrame(points.get(v));
                System.arraycopy(m, 0, vertices, remap[v] * 3, 3);
                attachments[remap[v]] = attach.get(v);
            }
        }
        int[] faces = new int[triangles.size() * 3];
        for (int i = 0; i < triangles.size(); i++) {
            for (int c = 0; c < 3; c++) {
                faces[3 * i + c] = remap[triangles.get(i)[c]];
            }
        }
        int[] tipIds = new int[5];
        for (int d = 0; d < 5; d++) {
            tipIds[d] = remap[tips[d]];
        }
        return new SkinMesh(vertices, faces, tipIds, attachments);
    }
}
