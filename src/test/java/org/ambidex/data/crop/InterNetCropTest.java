package org.ambidex.data.crop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.ambidex.data.Bbox;
import org.ambidex.data.HandType;
import org.ambidex.data.Sample;
import org.ambidex.data.interhand.InterHandDataset;
import org.ambidex.data.interhand.InterHandFilter;
import org.ambidex.data.interhand.TinyInterHand;
import org.ambidex.geom.Affine2;
import org.junit.jupiter.api.Test;

class InterNetCropTest {

    @Test
    void processBboxByHand() {
        // wide box 100 x 50 at (10, 20): centre (60, 45), square 100, times 1.25 = 125
        Bbox wide = InterNetCrop.processBbox(new Bbox(10, 20, 100, 50));
        assertThat(wide.toArray()).containsExactly(-2.5, -17.5, 125, 125);
        // tall box 60 x 80 at (30, 40): centre (60, 80), side 80 * 1.25 = 100
        Bbox tall = InterNetCrop.processBbox(new Bbox(30, 40, 60, 80));
        assertThat(tall.toArray()).containsExactly(10, 30, 100, 100);
        // another aspect ratio: w/h = 2, box 40 x 40 -> 80 x 40 -> 100 x 50
        assertThat(InterNetCrop.processBbox(new Bbox(0, 0, 40, 40), 2).toArray()).containsExactly(-30, -5, 100, 50);
    }

    @Test
    void patchTransformByHand() {
        // box centre (100, 200), 128 x 128, no rotation: x' = 2 (x - 100) + 128, y' = 2 (y - 200) + 128
        Affine2 t = InterNetCrop.patchTransform(100, 200, 128, 128, 256, 256, 1, 0, false);
        assertThat(t.toRowMajor()).containsExactly(new double[] {2, 0, -72, 0, 2, -272}, within(1e-6));
        Affine2 inv = InterNetCrop.patchTransform(100, 200, 128, 128, 256, 256, 1, 0, true);
        assertThat(inv.toRowMajor()).containsExactly(new double[] {0.5, 0, 36, 0, 0.5, 136}, within(1e-6));
        // scale 2 doubles the source box; rotation 90 degrees: source "down" (0, h/2) turns to (-h/2, 0)
        Affine2 r = InterNetCrop.patchTransform(0, 0, 256, 256, 256, 256, 1, 90, false);
        double[] down = r.apply(-128, 0);
        assertThat(down).containsExactly(new double[] {128, 256}, within(1e-4));
        double[] right = r.apply(0, 128);
        assertThat(right).containsExactly(new double[] {256, 128}, within(1e-4));
        Affine2 s = InterNetCrop.patchTransform(0, 0, 100, 100, 256, 256, 2, 0, false);
        assertThat(s.a()).isCloseTo(1.28, within(1e-6));
    }

    @Test
    void inverseUndoesTheCropForAnyAugmentation() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 100; i++) {
            InterNetAugmentation aug = InterNetAugmentation.sample(random);
            Affine2 t = InterNetCrop.patchTransform(150, 250, 90, 90, 256, 256, aug.scale(), aug.rotation(), false);
            Affine2 inv = InterNetCrop.patchTransform(150, 250, 90, 90, 256, 256, aug.scale(), aug.rotation(), true);
            double[] p = inv.apply(t.apply(123.4, 234.5)[0], t.apply(123.4, 234.5)[1]);
            assertThat(p).containsExactly(new double[] {123.4, 234.5}, within(1e-3));
        }
    }

    @Test
    void augmentationDrawsAreSeededAndInRange() {
        InterNetAugmentation a = InterNetAugmentation.sample(new SplittableRandom(5));
        InterNetAugmentation b = InterNetAugmentation.sample(new SplittableRandom(5));
        assertThat(a.scale()).isEqualTo(b.scale());
        assertThat(a.colourScale()).isEqualTo(b.colourScale());
        SplittableRandom random = new SplittableRandom(9);
        int flips = 0;
        int rotated = 0;
        for (int i = 0; i < 2000; i++) {
            InterNetAugmentation x = InterNetAugmentation.sample(random);
            assertThat(Math.abs(x.shiftX())).isLessThanOrEqualTo(0.15);
            assertThat(x.scale()).isBetween(0.75, 1.25);
            assertThat(Math.abs(x.rotation())).isLessThanOrEqualTo(90);
            for (double c : x.colourScale()) {
                assertThat(c).isBetween(0.8, 1.2);
            }
            flips += x.flip() ? 1 : 0;
            rotated += x.rotation() != 0 ? 1 : 0;
        }
        assertThat(flips).isBetween(900, 1100);
        assertThat(rotated).isBetween(1100, 1300);
    }

    @Test
    void testTimePreparationMapsJointsIntoTheCrop() {
        try (InterHandDataset ds = InterHandDataset.open(TinyInterHand.root(), InterHandFilter.all("test"))) {
            Sample s = ds.get(0);
            Bbox box = InterNetPreprocessing.cropBox(s, false);
            assertThat(box.toArray()).containsExactly(10, 30, 100, 100);
            InterNetInput in = InterNetPreprocessing.prepare(s, null, box, InterNetAugmentation.none());
            double[] c = in.jointCoord();
            // pixel (140, 305 + 1.1 j) -> crop: 2.56 (u - 10), 2.56 (v - 30)
            for (int j = 0; j < 42; j++) {
                assertThat(c[3 * j]).isCloseTo(2.56 * 130, within(1e-3));
                assertThat(c[3 * j + 1]).isCloseTo(2.56 * (275 + 1.1 * j), within(1e-3));
                assertThat(c[3 * j + 2]).isCloseTo(1.0, within(1e-12));
                // v in crop = 704 + ... is outside [0, 256): every joint is invalid
                assertThat(in.jointValid()[j]).isFalse();
            }
            assertThat(in.handType()).containsExactly(1, 0);
            assertThat(in.rootValid()).isFalse();
            assertThat(in.cropToImage(c[0], c[1])).containsExactly(new double[] {140, 305}, within(1e-3));
        }
    }

    @Test
    void flippingMirrorsAndSwapsTheHands() {
        try (InterHandDataset ds = InterHandDataset.open(TinyInterHand.root(), InterHandFilter.all("test"))) {
            Sample s = ds.get(3);
            assertThat(s.handType()).isEqualTo(HandType.INTERACTING);
            // every joint at pixel (160, 250); box (110, 200, 100, 100) holds it at the centre
            Bbox box = new Bbox(110, 200, 100, 100);
            InterNetAugmentation flip = new InterNetAugmentation(0, 0, 1, 0, true, new double[] {1, 1, 1});
            InterNetInput in = InterNetPreprocessing.prepare(s, null, box, flip);
            // flipped: u = 334 - 160 - 1 = 173; box centre 160 -> 334 - 160 - 1 = 173, so the joint is at the crop centre
            double[] c = in.jointCoord();
            assertThat(c[0]).isCloseTo(128, within(1e-4));
            assertThat(c[1]).isCloseTo(128, within(1e-4));
            // the right block now holds the original left hand (valid, depths 1.021..1.041 m)
            assertThat(c[2]).isCloseTo(1.021, within(1e-9));
            assertThat(in.jointValid()[0]).isTrue();
            assertThat(in.jointValid()[21]).isFalse();
            assertThat(in.relRootDepth()).isCloseTo(1.020 - 1.041, within(1e-9));
            assertThat(in.cropToImage(128, 128)).containsExactly(new double[] {160, 250}, within(1e-4));
            InterNetTargets t = InterNetTargets.of(in);
            assertThat(t.jointCoord()[0]).isCloseTo(32, within(1e-5));
            // depth of joint 0 relative to its (new) root 20: 1.021 - 1.041 = -0.02 m -> (-0.02 / 0.2 + 1) / 2 * 64 = 28.8
            assertThat(t.jointCoord()[2]).isCloseTo(28.8, within(1e-9));
            assertThat(t.rootValid()).isFalse();
        }
    }

    @Test
    void flippedPatchIsTheMirroredImageCrop() {
        float[] d = new float[8 * 4 * 3];
        for (int i = 0; i < d.length; i++) {
            d[i] = i % 251;
        }
        FloatImage img = FloatImage.of(8, 4, 3, d);
        FloatImage mirrored = img.flippedHorizontally();
        assertThat(mirrored.get(0, 1, 2)).isEqualTo(img.get(7, 1, 2));
        FloatImage scaled = img.scaledChannels(new double[] {2, 1, 0.5});
        assertThat(scaled.get(7, 3, 0)).isEqualTo(Math.min(255f, 2 * img.get(7, 3, 0)));
        assertThat(scaled.get(7, 3, 2)).isEqualTo(img.get(7, 3, 2) * 0.5f);
    }

    @Test
    void patchPixelsComeFromTheBoxAndTheFlipMirrorsThem() {
        try (InterHandDataset ds = InterHandDataset.open(TinyInterHand.root(), InterHandFilter.all("test"))) {
            Sample s = ds.get(0);
            float[] d = new float[334 * 512 * 3];
            SplittableRandom random = new SplittableRandom(2);
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) random.nextInt(256);
            }
            FloatImage image = FloatImage.of(334, 512, 3, d);
            // box centred on (100, 200), 128 wide: crop x' = 2 (x - 100) + 128, so crop pixel (128 + 2k, 128) is image (100 + k, 200)
            Bbox box = new Bbox(36, 136, 128, 128);
            InterNetInput plain = InterNetPreprocessing.prepare(s, image, box, InterNetAugmentation.none());
            InterNetAugmentation flipBrighter = new InterNetAugmentation(0, 0, 1, 0, true, new double[] {1, 1, 0.5});
            InterNetInput flipped = InterNetPreprocessing.prepare(s, image, box, flipBrighter);
            for (int k = -3; k <= 3; k++) {
                for (int c = 0; c < 3; c++) {
                    assertThat(plain.patch().get(128 + 2 * k, 128, c)).isEqualTo(image.get(100 + k, 200, c));
                    // mirrored about the box centre, channel 2 halved
                    float expected = image.get(100 - k, 200, c) * (c == 2 ? 0.5f : 1f);
                    assertThat(flipped.patch().get(128 + 2 * k, 128, c)).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void intagHandCropWarpsTheSquareAboutThePoints() {
        float[] d = new float[64 * 48];
        for (int i = 0; i < d.length; i++) {
            d[i] = i % 97;
        }
        FloatImage image = FloatImage.of(64, 48, 1, d);
        // points spanning 20..40 in x and 10..30 in y: L = 20 / 2 / 0.8 = 12.5, s = 256 / 25 = 10.24
        IntagHandCrop crop = IntagHandCrop.of(new double[] {20, 10, 40, 30}, new org.ambidex.geom.Intrinsics(50, 50, 32, 24));
        FloatImage out = crop.apply(image);
        assertThat(out.width()).isEqualTo(256);
        double[] p = crop.inverse().apply(128, 128);
        assertThat(p).containsExactly(new double[] {30, 20}, within(1e-9));
        assertThat(out.get(128, 128, 0)).isCloseTo(image.get(30, 20, 0), within(1e-4f));
    }

    @Test
    void depthBinsByHand() {
        assertThat(InterNetTargets.depthToBins(0, 0.4)).isEqualTo(32);
        assertThat(InterNetTargets.depthToBins(-0.2, 0.4)).isEqualTo(0);
        assertThat(InterNetTargets.depthToBins(0.00625, 0.4)).isCloseTo(33, within(1e-12));
        assertThat(InterNetTargets.binsToDepth(33, 0.4)).isCloseTo(0.00625, within(1e-15));
    }

    @Test
    void intagHandCropByHand() {
        // points spanning x 100..140, y 50..70: mid (120, 60), L = 40 / 2 / 0.8 = 25, s = 256 / 50 = 5.12
        IntagHandCrop crop = IntagHandCrop.of(new double[] {100, 50, 140, 70, 120, 60},
            new org.ambidex.geom.Intrinsics(1000, 1000, 160, 120));
        assertThat(crop.scale()).isCloseTo(5.12, within(1e-12));
        assertThat(crop.map().toRowMajor()).containsExactly(new double[] {5.12, 0, 5.12 * (25 - 120), 0, 5.12,
            5.12 * (25 - 60)}, within(1e-9));
        assertThat(crop.map().apply(120, 60)).containsExactly(new double[] {128, 128}, within(1e-9));
        assertThat(crop.intrinsics().fx()).isCloseTo(5120, within(1e-9));
        assertThat(crop.intrinsics().cx()).isCloseTo(160 * 5.12 + 5.12 * (25 - 120), within(1e-9));
        assertThat(crop.inverse().apply(128, 128)).containsExactly(new double[] {120, 60}, within(1e-9));
        // projecting with the new intrinsics equals cropping the projection
        org.ambidex.geom.Vec3 p = new org.ambidex.geom.Vec3(0.01, -0.02, 0.5);
        double[] full = new org.ambidex.geom.Intrinsics(1000, 1000, 160, 120).project(p);
        double[] cropped = crop.intrinsics().project(p);
        assertThat(crop.map().apply(full[0], full[1])).containsExactly(cropped, within(1e-9));
    }
}
