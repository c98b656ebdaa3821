package org.ambidex.train.dir;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
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
import org.ambidex.nets.dir.DirConfig;
import org.ambidex.nets.dir.DirModel;
import org.ambidex.nets.dir.DirNet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every DIR loss term on one random batch with a random network in training mode (batch statistics) equals what
 * src/test/python/dir_reference.py computes ('loss' mode) to 1e-5 relative.
 */
class DirLossesTest {

    private static final DirConfig TINY = new DirConfig(8, 32, 16, 8);

    @TempDir
    Path tmp;

    @Test
    void everyTermEqualsPyTorch() throws IOException {
        PyTorch.assumeAvailable(false);
        String error = ExternalProcess.run(List.of(PyTorch.PYTHON.toString(), "src/test/python/dir_reference.py",
            "loss", tmp.toString(), "8", "32", "16", "8", "5"), Map.of(), 900);
        assertThat(error).isEmpty();
        Map<String, NdArray> expected = Npz.read(tmp.resolve("losses.npz"));
        Map<String, NdArray> t = Npz.read(tmp.resolve("targets.npz"));
        float[] input = Npy.read(tmp.resolve("input.npy")).toFloatArray();
        try (DirModel model = DirModel.load(tmp.resolve("DIR.pth"), TINY);
             NDManager scope = model.manager().newSubManager()) {
            NDArray x = scope.create(input, new Shape(2, 3, 256, 256));
            DirNet.Output out = model.network().run(new ParameterStore(scope, false), x, true, true);
            String[] side = {"right", "left"};
            NDArray[][] arrays = new NDArray[5][2];
            String[] keys = {"joint_uv_", "mesh_uv_", "joint_", "mesh_", "centre_"};
            for (int k = 0; k < keys.length; k++) {
                for (int h = 0; h < 2; h++) {
                    arrays[k][h] = array(scope, t.get(keys[k] + side[h]));
                }
            }
            DirLosses.Targets targets = new DirLosses.Targets(arrays[0], arrays[1], arrays[2], arrays[3], arrays[4],
                array(scope, t.get("seg")), array(scope, t.get("dense")));
            Map<String, NDArray> terms = DirLosses.compute(out, targets,
                new int[][] {model.faces(0), model.faces(1)});
            assertThat(terms.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            double worst = 0;
            for (Map.Entry<String, NDArray> e : terms.entrySet()) {
                double want = expected.get(e.getKey()).getDouble(0);
                double got = e.getValue().getFloat();
                double rel = Math.abs(got - want) / Math.max(Math.abs(want), 1e-12);
                worst = Math.max(worst, rel);
                assertThat(rel).as("%s: %s vs PyTorch %s", e.getKey(), got, want).isLessThan(1e-5);
            }
            System.out.println("DIR loss terms vs PyTorch: " + terms.size() + " terms, largest relative difference "
                + worst);
            java.lang.ref.Reference.reachabilityFence(x);
        }
    }

    private static NDArray array(NDManager m, NdArray a) {
        long[] shape = java.util.Arrays.stream(a.shape()).mapToLong(i -> i).toArray();
        return m.create(a.toFloatArray(), new Shape(shape));
    }
}
