package org.ambidex.hand.open;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the parameter files of the named poses rendered in docs/HAND_MODEL.md, when
 * {@code -Dopenhand.params=DIR} is given (docs/images/open-hand/make-renders.sh runs it).
 */
@EnabledIfSystemProperty(named = "openhand.params", matches = ".+")
class RenderParamsTest {

    @Test
    void writesNamedPoseParameters() throws Exception {
        Path dir = Path.of(System.getProperty("openhand.params"));
        Files.createDirectories(dir);
        OpenHandModelData right = GeneratedModel.right();
        OpenHandModelData left = right.mirrored("{}");
        write(dir.resolve("rest.json"), NamedPoses.toPose(right, NamedPoses.rest()), new double[3]);
        write(dir.resolve("fist.json"), NamedPoses.toPose(right, NamedPoses.fist()), new double[3]);
        write(dir.resolve("pinch.json"), NamedPoses.toPose(right, pinchWithTipsTogether(right)), new double[3]);
        write(dir.resolve("point.json"), NamedPoses.toPose(right, NamedPoses.point()), new double[3]);
        write(dir.resolve("spread.json"), NamedPoses.toPose(right, NamedPoses.spread()), new double[3]);
        double[][] clasp = NamedPoses.clasp();
        double[] r = NamedPoses.toPose(right, clasp);
        double[] l = NamedPoses.toPose(left, clasp);
        // Palms face each other: the right hand turned a quarter about +x (palm to -z), the left a quarter about
        // -x (palm to +z), the right one above.
        r[0] = Math.PI / 2;
        l[0] = -Math.PI / 2;
        write(dir.resolve("clasp-right.json"), r, new double[] {-0.085, 0.0, 0.014});
        write(dir.resolve("clasp-left.json"), l, new double[] {0.085, 0.0, -0.014});
    }

    /**
     * The pinch pose with the thumb's joint angles searched on a grid (within the limits) so the thumb tip
     * vertex comes about 8 mm from the index tip vertex: pads touching, tips not interpenetrating.
     */
    private static double[][] pinchWithTipsTogether(OpenHandModelData m) {
        double[][] best = null;
        double bestCost = Double.MAX_VALUE;
        for (double flex = -20; flex <= 33; flex += 5.3) {
            for (double abd = -12; abd <= 30; abd += 6) {
                for (double twist = -8; twist <= 10; twist += 6) {
                    for (double mcp = 0; mcp <= 55; mcp += 11) {
                        for (double ip = 0; ip <= 60; ip += 15) {
                            double[][] a = NamedPoses.pinch();
                            a[13] = new double[] {flex, abd, twist};
                            a[14][0] = mcp;
                            a[15][0] = ip;
                            double[] v = SimpleLbs.forward(m, new double[10], NamedPoses.toPose(m, a)).vertices();
                            double[] thumb = MeshChecks.p(v, m.tipVertices()[0]);
                            double[] index = MeshChecks.p(v, m.tipVertices()[1]);
                            double cost = Math.abs(Vec3Arrays.norm(Vec3Arrays.sub(thumb, index)) - 0.008);
                            if (cost < bestCost) {
                                bestCost = cost;
                                best = a;
                            }
                        }
                    }
                }
            }
        }
        return best;
    }

    private static void write(Path file, double[] pose, double[] transl) throws Exception {
        String json = String.format(Locale.ROOT, "{\"betas\": [], \"global_orient\": %s, \"hand_pose\": %s, \"transl\": %s}%n",
            list(Arrays.copyOfRange(pose, 0, 3)), list(Arrays.copyOfRange(pose, 3, 48)), list(transl));
        Files.writeString(file, json);
    }

    private static String list(double[] values) {
        return Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.6f", v))
            .collect(Collectors.joining(", ", "[", "]"));
    }
}
