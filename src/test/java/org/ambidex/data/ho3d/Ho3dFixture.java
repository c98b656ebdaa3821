package org.ambidex.data.ho3d;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.ambidex.data.Sample;
import org.ambidex.data.interhand.InterHandDataset;
import org.ambidex.data.interhand.InterHandFilter;
import org.ambidex.geom.Intrinsics;
import org.ambidex.hand.HandSide;
import org.ambidex.hand.JointOrder;
import org.ambidex.io.image.Images;
import org.ambidex.nets.PyTorch;

/**
 * A tiny HO-3D folder for tests: the example renders' frames whose right hand is wholly annotated, each pasted into
 * a black 640 x 480 frame ({@code <split>/<seq>/rgb/<frame>.png}, the camera's principal point moved with it), and
 * their annotations written by {@code src/test/python/ho3d_reference.py folder} as HO-3D stores them (OpenGL frame,
 * HO-3D joint order, protocol-2 pickles). The first {@link #TRAIN} frames form {@code train.txt} (two sequences),
 * the next {@link #EVALUATION} {@code evaluation.txt} with a box about the projected joints.
 *
 * @param base the folder
 * @param frames every frame written, training first
 */
public record Ho3dFixture(Path base, List<Frame> frames) {

    public static final int TRAIN = 5;
    public static final int EVALUATION = 2;
    public static final Path GENERATOR = Path.of("src/test/python/ho3d_reference.py");
    /** Where the 334 x 512 renders go in the 640 x 480 frame. */
    private static final int DX = 153;
    private static final int DY = -16;

    /**
     * One frame as the test knows it.
     *
     * @param split {@code train} or {@code evaluation}
     * @param sequence sequence name
     * @param frame frame name
     * @param intrinsics the frame's camera (OpenCV)
     * @param joints 21 x 3 right-hand joints, metres, OpenCV frame, OpenPose order
     * @param box the evaluation box x1, y1, x2, y2 (whole pixels), or null
     */
    public record Frame(String split, String sequence, String frame, Intrinsics intrinsics, double[] joints,
                        double[] box) {

        /** The joints projected, packed u, v. */
        public double[] projected() {
            return intrinsics.projectAll(joints);
        }
    }

    /** Writes the folder under {@code base}; needs /usr/bin/python3 with NumPy (the calling test is skipped otherwise). */
    public static Ho3dFixture write(Path base) throws IOException {
        PyTorch.assumeImports("numpy");
        List<Frame> frames = new ArrayList<>();
        int[] gather = JointOrder.gatherFromInterHand42(HandSide.RIGHT);
        ObjectMapper json = new ObjectMapper();
        ArrayNode spec = json.createArrayNode();
        try (InterHandDataset set = InterHandDataset.open(Path.of("examples"), InterHandFilter.all("train"))) {
            for (Sample s : set.samples()) {
                if (frames.size() == TRAIN + EVALUATION) {
                    break;
                }
                boolean all = true;
                double[] joints = new double[63];
                for (int j = 0; j < 21; j++) {
                    all &= s.jointValid()[gather[j]];
                    System.arraycopy(s.jointsCam(), 3 * gather[j], joints, 3 * j, 3);
                }
                Intrinsics k0 = s.camera().intrinsics();
                Intrinsics k = new Intrinsics(k0.fx(), k0.fy(), k0.cx() + DX, k0.cy() + DY);
                double[] uv = k.projectAll(joints);
                for (int j = 0; j < 21 && all; j++) {
                    all = uv[2 * j] > 5 && uv[2 * j] < 635 && uv[2 * j + 1] > 5 && uv[2 * j + 1] < 475;
                }
                if (!all) {
                    continue;
                }
                boolean train = frames.size() < TRAIN;
                String split = train ? "train" : "evaluation";
                String seq = train ? (frames.size() < 3 ? "ABF10" : "MC1") : "SM1";
                int index = train ? frames.size() % 3 : frames.size() - TRAIN;
                String name = String.format(Locale.ROOT, "%04d", index);
                double[] box = null;
                if (!train) {
                    double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
                    for (int j = 0; j < 21; j++) {
                        b[0] = Math.min(b[0], uv[2 * j]);
                        b[1] = Math.min(b[1], uv[2 * j + 1]);
                        b[2] = Math.max(b[2], uv[2 * j]);
                        b[3] = Math.max(b[3], uv[2 * j + 1]);
                    }
                    box = new double[] {Math.floor(b[0]) - 5, Math.floor(b[1]) - 5, Math.ceil(b[2]) + 5,
                        Math.ceil(b[3]) + 5};
                }
                BufferedImage frame = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = frame.createGraphics();
                g.drawImage(Images.read(s.image()), DX, DY, null);
                g.dispose();
                Path rgb = Files.createDirectories(base.resolve(split).resolve(seq).resolve("rgb"));
                ImageIO.write(frame, "png", rgb.resolve(name + ".png").toFile());
                Frame f = new Frame(split, seq, name, k, joints, box);
                frames.add(f);
                ObjectNode node = spec.addObject();
                node.put("split", split).put("seq", seq).put("frame", name);
                ArrayNode km = node.putArray("K");
                km.addArray().add(k.fx()).add(0.0).add(k.cx());
                km.addArray().add(0.0).add(k.fy()).add(k.cy());
                km.addArray().add(0.0).add(0.0).add(1.0);
                ArrayNode jn = node.putArray("joints");
                for (int j = 0; j < 21; j++) {
                    jn.addArray().add(joints[3 * j]).add(joints[3 * j + 1]).add(joints[3 * j + 2]);
                }
                if (box != null) {
                    ArrayNode bn = node.putArray("bbox");
                    for (double v : box) {
                        bn.add((long) v);
                    }
                }
            }
        }
        if (frames.size() < TRAIN + EVALUATION) {
            throw new AssertionError("the examples hold " + frames.size() + " wholly annotated right hands");
        }
        Path specFile = base.resolveSibling(base.getFileName() + "-spec.json");
        json.writeValue(specFile.toFile(), spec);
        PyTorch.scriptAt(GENERATOR, "folder", specFile.toString(), base.toString());
        return new Ho3dFixture(base, List.copyOf(frames));
    }

    /** The training frames. */
    public List<Frame> train() {
        return frames.subList(0, TRAIN);
    }

    /** The evaluation frames. */
    public List<Frame> evaluation() {
        return frames.subList(TRAIN, TRAIN + EVALUATION);
    }
}
