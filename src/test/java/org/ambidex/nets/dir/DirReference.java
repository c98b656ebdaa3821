package org.ambidex.nets.dir;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ambidex.ExternalProcess;
import org.ambidex.io.NdArray;
import org.ambidex.io.numpy.Npy;
import org.ambidex.io.numpy.Npz;
import org.ambidex.nets.PyTorch;

/**
 * Runs src/test/python/dir_reference.py (a random DIR in the published checkpoint layout, and its outputs on a
 * crop of a real image) and compares ambidex's network, stage by stage, with what PyTorch computed.
 */
final class DirReference {

    static final Path SCRIPT = Path.of("src/test/python/dir_reference.py");
    static final Path IMAGE = Path.of("src/test/resources/fixtures/nets/tiny-internet/hands.png");
    static final String BOX = "30,20,90,60";

    private DirReference() {
    }

    /** Writes DIR.pth, input.npy and outputs.npz for a random network of {@code config} into {@code dir}. */
    static void generate(Path dir, DirConfig config, long seed) throws IOException {
        PyTorch.assumeAvailable(true);
        String error = ExternalProcess.run(List.of(PyTorch.PYTHON.toString(), SCRIPT.toString(), "net", dir.toString(),
            Integer.toString(config.resnetBase()), Integer.toString(config.features()),
            Integer.toString(config.embedding()), Integer.toString(config.jointChannels()), Long.toString(seed),
            IMAGE.toString(), BOX), Map.of(), 900);
        if (!error.isEmpty()) {
            throw new AssertionError("reference script failed: " + error);
        }
    }

    /** The largest difference per compared quantity, over the three stages. */
    record Differences(double vertices, double joints, double uv, double offset, double camera) {

        /** Prints them under {@code label} and asserts the comparison tests' bounds (1e-4 for the parameters). */
        void assertWithinBounds(String label) {
            System.out.println(label + ": " + this);
            assertThat(vertices).as(label + ": vertices (m)").isLessThan(1e-5);
            assertThat(joints).as(label + ": joints (m)").isLessThan(1e-5);
            assertThat(uv).as(label + ": joint uv ([-1, 1])").isLessThan(1e-5);
            assertThat(offset).as(label + ": offset (0.15 m)").isLessThan(1e-5);
            assertThat(camera).as(label + ": parameters").isLessThan(1e-4);
        }
    }

    /** Runs the model on {@code dir/input.npy} and returns the largest differences from {@code outputs.npz}. */
    static Differences compare(DirModel model, Path dir) {
        Map<String, NdArray> ref = Npz.read(dir.resolve("outputs.npz"));
        float[] input = Npy.read(dir.resolve("input.npy")).toFloatArray();
        double[] worst = new double[5];
        try (NDScope ignored = new NDScope(); NDManager scope = model.manager().newSubManager()) {
            NDArray x = scope.create(input, new Shape(1, 3, 256, 256));
            DirNet.Output out = model.network().run(new ParameterStore(scope, false), x, false, false);
            assertThat(out.stages()).hasSize(3);
            for (int i = 0; i < 3; i++) {
                DirStage s = out.stages().get(i);
                for (String side : new String[] {"left", "right"}) {
                    DirHand h = side.equals("left") ? s.left() : s.right();
                    worst[0] = Math.max(worst[0], diff(h.vertices(), ref.get("pd_mesh_xyz_" + side + "_" + i)));
                    worst[1] = Math.max(worst[1], diff(h.joints(), ref.get("pd_joint_xyz_" + side + "_" + i)));
                    worst[2] = Math.max(worst[2], diff(h.jointUv(), ref.get("pd_joint_uv_" + side + "_" + i)));
                    worst[4] = Math.max(worst[4], diff(h.parameters(), ref.get("pd_mano_para_" + side + "_" + i)));
                }
                worst[3] = Math.max(worst[3], diff(s.offset(), ref.get("pd_offset_" + i)));
            }
            java.lang.ref.Reference.reachabilityFence(x);
        }
        return new Differences(worst[0], worst[1], worst[2], worst[3], worst[4]);
    }

    private static double diff(NDArray a, NdArray expected) {
        float[] got = a.toFloatArray();
        float[] want = expected.toFloatArray();
        assertThat(got).hasSameSizeAs(want);
        double d = 0;
        for (int i = 0; i < got.length; i++) {
            d = Math.max(d, Math.abs(got[i] - want[i]));
        }
        return d;
    }
}
