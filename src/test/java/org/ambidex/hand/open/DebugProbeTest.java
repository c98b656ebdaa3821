package org.ambidex.hand.open;

import org.junit.jupiter.api.Test;

class DebugProbeTest {
    @Test
    void probe() {
        OpenHandModelData m = GeneratedModel.right();
        var hits = MeshChecks.selfIntersections(m.vTemplate(), m.faces(), 400);
        System.out.println("hits " + hits.size());
        java.util.Map<String,Integer> where = new java.util.TreeMap<>();
        for (String h : hits) {
            for (String s : h.split(",")) {
                int t = Integer.parseInt(s);
                double[] c = new double[3];
                for (int k = 0; k < 3; k++) c = V.axpy(c, 1/3.0, MeshChecks.p(m.vTemplate(), m.faces()[3*t+k]));
                String key = String.format("%.0f,%.0f,%.0f", (0.095 - c[0]) * 1000, (c[2]-0.006) * 1000, (c[1]-0.006) * 1000);
                where.merge(key, 1, Integer::sum);
            }
        }
        System.out.println("s,t,h mm: " + where);
        for (String h : hits.subList(0, Math.min(6, hits.size()))) {
            StringBuilder sb = new StringBuilder(h + ": ");
            for (String s : h.split(",")) {
                int t = Integer.parseInt(s);
                for (int k = 0; k < 3; k++) {
                    int vi = m.faces()[3*t+k];
                    double[] c = MeshChecks.p(m.vTemplate(), vi);
                    sb.append(String.format("v%d(%.1f,%.1f,%.1f) ", vi, (0.095 - c[0]) * 1000, (c[2]-0.006) * 1000, (c[1]-0.006) * 1000));
                }
                sb.append(" | ");
            }
            System.out.println(sb);
        }
    }
}
