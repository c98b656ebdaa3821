package org.ambidex.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.ambidex.data.Bbox;
import org.ambidex.io.image.Images;
import org.ambidex.nets.zhang.ZhangModel;
import org.ambidex.nets.zhang.ZhangVariant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Zhang et al. without a box: the crop follows the hands the real-photo finder sees, exactly as if their box had been
 * given, and a photo without hands falls back to the demo's whole-image input with a note. The network has random
 * weights ({@link ZhangModel#random}): what is checked is which region it is shown, not what it predicts.
 */
@Tag("slow")
class ZhangFinderBoxTest {

    /** An InterHand2.6M-style render of two hands, 334 x 512, in which the finder sees both. */
    static final Path RENDER = Path.of("examples/images/train/Capture1/synth_point/cam410000/image2.jpg");
    /** The render's annotated hands' box (examples/annotations/train/InterHand2.6M_train_data.json), pixels. */
    static final Bbox ANNOTATED = new Bbox(86.91799571342138, 116.1747754217512, 190.7771582798889,
        253.02493224439283);
    static final int CANVAS_WIDTH = 1000;
    static final int CANVAS_HEIGHT = 800;
    static final int OFFSET_X = 560;
    static final int OFFSET_Y = 300;
    static final double SCALE = 0.75;

    static ZhangModel model;
    static ZhangReconstructor reconstructor;
    static BufferedImage photo;

    @BeforeAll
    static void open() throws IOException {
        model = ZhangModel.random(ZhangVariant.V2, 1);
        reconstructor = new ZhangReconstructor(model, "zhang:random");
        photo = pasted(Images.read(RENDER));
    }

    @AfterAll
    static void close() {
        if (reconstructor != null) {
            reconstructor.close();
        }
    }

    /** The render scaled by {@link #SCALE} on a grey canvas, its top-left corner at the offset: small, off-corner hands. */
    static BufferedImage pasted(BufferedImage render) {
        BufferedImage canvas = new BufferedImage(CANVAS_WIDTH, CANVAS_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.setColor(new Color(90, 90, 90));
        g.fillRect(0, 0, CANVAS_WIDTH, CANVAS_HEIGHT);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(render, OFFSET_X, OFFSET_Y, (int) Math.round(render.getWidth() * SCALE),
            (int) Math.round(render.getHeight() * SCALE), null);
        g.dispose();
        return canvas;
    }

    /** The annotated hands' box where the render was pasted. */
    static Bbox annotatedOnCanvas() {
        return new Bbox(OFFSET_X + SCALE * ANNOTATED.x(), OFFSET_Y + SCALE * ANNOTATED.y(), SCALE * ANNOTATED.width(),
            SCALE * ANNOTATED.height());
    }

    static boolean contains(Bbox outer, Bbox inner) {
        return outer.x() <= inner.x() && outer.y() <= inner.y()
            && outer.x() + outer.width() >= inner.x() + inner.width()
            && outer.y() + outer.height() >= inner.y() + inner.height();
    }

    @Test
    void withoutABoxTheCropIsAboutTheHandsTheFinderSees() {
        Reconstruction found = reconstructor.reconstruct(photo, ReconstructionRequest.wholeImage());
        Bbox hands = annotatedOnCanvas();
        Bbox used = found.bbox();
        // The reported box is the union of both hands' landmarks as the finder gives them.
        try (HandFinderBoxes finder = new HandFinderBoxes()) {
            double[] landmarks = finder.landmarks(photo).orElseThrow();
            assertThat(landmarks).as("both hands' landmarks").hasSize(2 * 21 * 2);
            assertThat(used).isEqualTo(HandFinderBoxes.extent(landmarks));
        }
        // The reported box is the finder's: about the annotated hands (landmarks lie within a few pixels of them).
        assertThat(used.width()).isLessThan(2 * hands.width()).isGreaterThan(hands.width() / 2);
        assertThat(used.centreX()).isCloseTo(hands.centreX(), within(hands.width() / 4));
        assertThat(used.centreY()).isCloseTo(hands.centreY(), within(hands.height() / 4));
        // The network saw InterNet's crop about that box: square, 1.25 times its longer side, holding the hands.
        Bbox crop = found.cropBox();
        double side = 1.25 * Math.max(used.width(), used.height());
        assertThat(crop.width()).isCloseTo(side, within(side * 1e-3));
        assertThat(crop.height()).isCloseTo(side, within(side * 1e-3));
        assertThat(crop.centreX()).isCloseTo(used.centreX(), within(1.0));
        assertThat(crop.centreY()).isCloseTo(used.centreY(), within(1.0));
        assertThat(contains(crop, hands)).as("crop %s holds the annotated hands %s", crop, hands).isTrue();
        assertThat(crop.width() * crop.height()).as("crop area").isLessThan(CANVAS_WIDTH * CANVAS_HEIGHT / 10.0);
        assertThat(found.note()).doesNotContain(HandFinderBoxes.NO_HAND).isEqualTo(ZhangReconstructor.NOTE);

        // Giving the finder's box as --bbox gives the same crop, hence exactly the same hands.
        Reconstruction given = reconstructor.reconstruct(photo, ReconstructionRequest.wholeImage().withBox(used));
        assertThat(given.bbox()).isEqualTo(used);
        assertThat(given.cropBox()).isEqualTo(crop);
        for (int h = 0; h < 2; h++) {
            double[] v = found.hands().get(h).mesh().vertices();
            assertThat(Arrays.stream(v).allMatch(Double::isFinite)).as("hand %d vertices finite", h).isTrue();
            assertThat(v).as("hand %d vertices", h).containsExactly(given.hands().get(h).mesh().vertices());
            assertThat(found.hands().get(h).joints2d()).containsExactly(given.hands().get(h).joints2d());
        }
    }

    @Test
    void aGivenBoxIsUsedWithoutTheFinder() {
        // A box away from the hands: the crop is about it, not about the hands.
        Bbox elsewhere = new Bbox(40, 50, 120, 100);
        Reconstruction r = reconstructor.reconstruct(photo, ReconstructionRequest.wholeImage().withBox(elsewhere));
        assertThat(r.bbox()).isEqualTo(elsewhere);
        assertThat(r.cropBox().centreX()).isCloseTo(elsewhere.centreX(), within(1.0));
        assertThat(r.cropBox().width()).isCloseTo(150, within(0.1));
        assertThat(r.note()).isEqualTo(ZhangReconstructor.NOTE);
    }

    @Test
    void aPhotoWithoutHandsGetsTheDemosWholeImageInputAndSaysSo() {
        BufferedImage blank = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Reconstruction r = reconstructor.reconstruct(blank, ReconstructionRequest.wholeImage());
        assertThat(r.hands()).hasSize(2);
        assertThat(r.bbox()).isEqualTo(new Bbox(0, 0, 640, 480));
        // The demo's input: the longer side scaled to 256 at the top-left, so the square seen is 640 wide from (0, 0).
        assertThat(r.cropBox().x()).isCloseTo(0, within(1e-3));
        assertThat(r.cropBox().y()).isCloseTo(0, within(1e-3));
        assertThat(r.cropBox().width()).isCloseTo(640, within(1e-3));
        assertThat(r.note()).startsWith(HandFinderBoxes.NO_HAND).contains("whole image").contains("--bbox")
            .endsWith(ZhangReconstructor.NOTE);
    }
}
