package org.ambidex.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MediaPipe's SSD anchors, box decoding and weighted non-maximum suppression for the palm and pose detectors. */
class SsdDecoderTest {

    @Test
    void anchorsFollowTheModelsConcatenationOrder() {
        double[] a = SsdDecoder.PALM.anchorCentres();
        assertThat(a).hasSize(2 * 2016);
        assertThat(a[0]).isEqualTo(0.5 / 24);
        assertThat(a[2]).isEqualTo(0.5 / 24); // the second anchor of the first cell
        assertThat(a[4]).isEqualTo(1.5 / 24); // next cell along x
        assertThat(a[2 * 48]).isEqualTo(0.5 / 24); // second row starts after 24 cells x 2 anchors
        assertThat(a[2 * 48 + 1]).isEqualTo(1.5 / 24);
        assertThat(a[2 * 1152]).isEqualTo(0.5 / 12); // stride-16 anchors after 1152
        assertThat(a[2 * 1157]).isEqualTo(0.5 / 12); // six anchors per stride-16 cell
        assertThat(a[2 * 1158]).isEqualTo(1.5 / 12);
        assertThat(a[2 * 2015]).isEqualTo(11.5 / 12);
    }

    @Test
    void poseAnchorsAreTheCountsPoseDetectionCpuNames() {
        // pose_detection_cpu.pbtxt: num_boxes 2254 = 28 x 28 x 2 (stride 8) + 14 x 14 x 2 (16) + 7 x 7 x 6 (32 x 3).
        SsdDecoder person = SsdDecoder.PERSON;
        double[] a = person.anchorCentres();
        assertThat(person.anchors()).isEqualTo(2254);
        assertThat(person.values()).isEqualTo(12);
        assertThat(a[2 * 1567]).isEqualTo(27.5 / 28); // last stride-8 anchor
        assertThat(a[2 * 1568]).isEqualTo(0.5 / 14);
        assertThat(a[2 * 1960]).isEqualTo(0.5 / 7); // stride-32 anchors after 1568 + 392
        assertThat(a[2 * 1965]).isEqualTo(0.5 / 7); // six per cell
        assertThat(a[2 * 1966]).isEqualTo(1.5 / 7);
        assertThat(a[2 * 2253 + 1]).isEqualTo(6.5 / 7);
    }

    @Test
    void boxesAndKeypointsAreAnchorOffsetsMappedThroughTheRegion() {
        float[] boxes = new float[2016 * 18];
        float[] logits = new float[2016];
        Arrays.fill(logits, -5f);
        int anchor = 1152 + 6 * (12 * 3 + 4); // stride 16, cell x 4, y 3: centre (4.5/12, 3.5/12)
        logits[anchor] = 2f;
        int o = anchor * 18;
        boxes[o] = 9.6f; // +0.05 of the input
        boxes[o + 1] = -19.2f; // -0.1
        boxes[o + 2] = 38.4f; // width 0.2
        boxes[o + 3] = 57.6f; // height 0.3
        boxes[o + 4] = 0f; // wrist at the anchor centre
        boxes[o + 5] = 19.2f; // 0.1 below
        RotatedRect region = RotatedRect.square(300, 200, 400); // input covers x 100..500, y 0..400
        List<SsdDetection> palms = SsdDecoder.PALM.decode(boxes, logits, 0, region);
        assertThat(palms).hasSize(1);
        SsdDetection p = palms.get(0);
        assertThat(p.score()).isCloseTo(1 / (1 + Math.exp(-2)), within(1e-12));
        double xc = 4.5 / 12 + 0.05;
        double yc = 3.5 / 12 - 0.1;
        assertThat(p.xMin()).isCloseTo(100 + 400 * (xc - 0.1), within(1e-4));
        assertThat(p.xMax()).isCloseTo(100 + 400 * (xc + 0.1), within(1e-4));
        assertThat(p.yMin()).isCloseTo(400 * (yc - 0.15), within(1e-4));
        assertThat(p.yMax()).isCloseTo(400 * (yc + 0.15), within(1e-4));
        assertThat(p.keypointX(0)).isCloseTo(100 + 400 * 4.5 / 12, within(1e-4));
        assertThat(p.keypointY(0)).isCloseTo(400 * (3.5 / 12 + 0.1), within(1e-4));
    }

    @Test
    void scoresBelowHalfAndNegativeSizesAreDropped() {
        float[] boxes = new float[2016 * 18];
        float[] logits = new float[2016];
        Arrays.fill(logits, -0.01f);
        logits[7] = 300f; // clipped to 100: still a score
        logits[8] = 1f;
        boxes[8 * 18 + 2] = -1f; // negative width
        List<SsdDetection> palms = SsdDecoder.PALM.decode(boxes, logits, 0, RotatedRect.square(96, 96, 192));
        assertThat(palms).hasSize(1);
        assertThat(palms.get(0).score()).isEqualTo(1.0);
    }

    @Test
    void weightedSuppressionAveragesOverlappingPalmsByScore() {
        SsdDetection a = palm(0.9, 0, 0, 10, 10, 1);
        SsdDetection b = palm(0.6, 1, 1, 11, 11, 4); // IoU 81/119 > 0.3 with a
        SsdDetection c = palm(0.8, 50, 50, 60, 60, 7); // apart
        List<SsdDetection> out = WeightedNms.apply(List.of(b, c, a), 0.3);
        assertThat(out).hasSize(2);
        SsdDetection merged = out.get(0);
        assertThat(merged.score()).isEqualTo(0.9);
        assertThat(merged.xMin()).isCloseTo(0.6 / 1.5, within(1e-12));
        assertThat(merged.xMax()).isCloseTo((0.9 * 10 + 0.6 * 11) / 1.5, within(1e-12));
        assertThat(merged.keypointX(3)).isCloseTo((0.9 * 1 + 0.6 * 4) / 1.5, within(1e-12));
        assertThat(out.get(1)).isSameAs(c);
        assertThat(a.iou(b)).isCloseTo(81.0 / 119.0, within(1e-12));
        assertThat(a.iou(c)).isZero();
    }

    private static SsdDetection palm(double score, double x0, double y0, double x1, double y1, double k) {
        double[] kp = new double[14];
        Arrays.fill(kp, k);
        return new SsdDetection(score, x0, y0, x1, y1, kp);
    }
}
