package org.ambidex.hand.open;

import org.junit.jupiter.api.Test;

class DebugProbe2Test {
    @Test
    void probe() {
        OpenHandModelData m = GeneratedModel.right();
        var hits = MeshChecks.selfIntersections(m.vTemplate(), m.faces(), 400);
        for (String h : hits) {
            StringBuilder sb = new StringBuilder(h + ": ");
            boolean show = false;
            for (String s : h.split(",")) {
                int t = Integer.parseInt(s);
                for (int k = 0; k < 3; k++) {
                    int vi = m.faces()[3*t+k];
                    double[] c = MeshChecks.p(m.vTemplate(), vi);
                    if ((0.095 - c[0]) * 1000 > 60) show = true;
                    sb.append(String.format("v%d(%.1f,%.1f,%.1f) ", vi, (0.095 - c[0]) * 1000, (c[2]-0.006) * 1000, (c[1]-0.006) * 1000));
                }
                sb.append(" | ");
            }
            if (show) System.out.println(sb);
        }
    }
}
