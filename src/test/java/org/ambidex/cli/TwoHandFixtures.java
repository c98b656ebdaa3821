package org.ambidex.cli;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;
import org.ambidex.io.image.Images;
import org.ambidex.nets.twohand.TwoHandConfig;
import org.ambidex.nets.twohand.TwoHandModel;

/** Test inputs of the commands that reconstruct: a tiny untrained two-hand model on the MANO fixture, a photo. */
final class TwoHandFixtures {

    /** The MANO-format fixture folder. */
    static final Path MANO = Path.of("src/test/resources/fixtures/mano-format").toAbsolutePath();

    private TwoHandFixtures() {
    }

    /** Writes {@code dir/twohand.pt}: ResNet-18 at width 8, 64-pixel input, one stage; seed 4. */
    static Path tinyModel(Path dir) {
        HandModel right = HandModelLoader.resolve(MANO.toString(), HandSide.RIGHT, true);
        HandModel left = HandModelLoader.resolve(MANO.toString(), HandSide.LEFT, true);
        Path model = dir.resolve("twohand.pt");
        TwoHandConfig config = new TwoHandConfig(18, 8, 64, 1, 4, 32, TwoHandConfig.IMAGENET_MEAN,
            TwoHandConfig.IMAGENET_STD);
        try (TwoHandModel m = TwoHandModel.initialised(config, right, left, 4)) {
            m.save(model, Map.of("hand_model", MANO.toString()));
        }
        return model;
    }

    /** Writes {@code dir/hands.png}: 120 x 90, a skin-coloured disc on black. */
    static Path handsPhoto(Path dir) {
        BufferedImage picture = new BufferedImage(120, 90, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(new Color(200, 160, 140));
        g.fillOval(30, 20, 50, 50);
        g.dispose();
        Path image = dir.resolve("hands.png");
        Images.write(image, picture);
        return image;
    }
}
