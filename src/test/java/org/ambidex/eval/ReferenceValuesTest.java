package org.ambidex.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.ambidex.geom.SimilarityAlignment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Agreement with NumPy / SciPy (fixtures/eval-reference, made by its generate.py). */
class ReferenceValuesTest {

    private static JsonNode reference;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = ReferenceValuesTest.class.getResourceAsStream("/fixtures/eval-reference/reference.json")) {
            reference = new ObjectMapper().readTree(in);
        }
    }

    private static double[] packed(JsonNode rows) {
        double[] out = new double[rows.size() * rows.get(0).size()];
        int k = 0;
        for (JsonNode row : rows) {
            for (JsonNode v : row) {
                out[k++] = v.asDouble();
            }
        }
        return out;
    }

    @Test
    void freiHandAlignmentMatchesScipyIncludingReflections() {
        for (JsonNode c : reference.get("procrustes")) {
            double[] gt = packed(c.get("gt"));
            double[] pred = packed(c.get("pred"));
            FreiHandAlignment.Trafo t = FreiHandAlignment.fit(gt, pred);
            double[] r = packed(c.get("r"));
            for (int i = 0; i < 9; i++) {
                assertThat(t.r().get(i / 3, i % 3)).isCloseTo(r[i], within(1e-12));
            }
            assertThat(t.s()).isCloseTo(c.get("s").asDouble(), within(1e-13));
            double[] aligned = FreiHandAlignment.align(gt, pred);
            double[] expected = packed(c.get("aligned"));
            for (int i = 0; i < aligned.length; i++) {
                // 1e-12 m = 1e-9 mm.
                assertThat(aligned[i]).isCloseTo(expected[i], within(1e-12));
            }
            // The general Procrustes fit with reflections allowed lands on the same points (up to the 1e-8 terms).
            double[] general = SimilarityAlignment.fit(gt, pred, SimilarityAlignment.Reflection.ALLOW)
                .applyToPoints(pred);
            for (int i = 0; i < aligned.length; i++) {
                assertThat(general[i]).isCloseTo(expected[i], within(1e-7));
            }
        }
    }

    @Test
    void pckAndAucMatchNumpy() {
        JsonNode p = reference.get("pck");
        ErrorStats s = new ErrorStats(PckThresholds.DEFAULT.values());
        for (JsonNode e : p.get("errors")) {
            s.add(e.asDouble());
        }
        double[] pck = s.pck();
        JsonNode expected = p.get("pck");
        for (int i = 0; i < pck.length; i++) {
            assertThat(pck[i]).isEqualTo(expected.get(i).asDouble());
        }
        assertThat(PckThresholds.DEFAULT.normalisedArea(pck)).isCloseTo(p.get("auc").asDouble(), within(1e-14));
    }

    @Test
    void fScoresMatchScipyNearestNeighbours() {
        JsonNode f = reference.get("fscore");
        double[] gt = packed(f.get("gt"));
        double[] pred = packed(f.get("pred"));
        FScore[] scores = FScore.of(gt, pred, 0.005, 0.015);
        for (int k = 0; k < 2; k++) {
            JsonNode e = f.get("scores").get(k);
            assertThat(scores[k].precision()).isEqualTo(e.get("precision").asDouble());
            assertThat(scores[k].recall()).isEqualTo(e.get("recall").asDouble());
            assertThat(scores[k].fScore()).isCloseTo(e.get("f").asDouble(), within(1e-15));
        }
    }
}
