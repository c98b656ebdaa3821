package org.ambidex.nets.zhang;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.ambidex.io.NdArray;
import org.ambidex.io.numpy.Npy;
import org.ambidex.io.numpy.Npz;
import org.ambidex.nets.PyTorch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * v2's training loss on one fixed batch (two images, random ground truth) with random weights: every term equals
 * PyTorch's (src/test/python/zhang_reference.py loss, whose terms were checked equal to the official
 * {@code calculate_loss}) to 1e-5 relative.
 */
@Tag("slow")
class ZhangLossTest {

    @TempDir
    Path tmp;

    @Test
    void everyTermEqualsPyTorchs() throws IOException {
        PyTorch.assumeAvailable(true);
        PyTorch.scriptAt(ZhangReferenceTest.SCRIPT, "loss", tmp.toString(), "4", ZhangReferenceTest.IMAGE.toString(),
            "30,20,90,60");
        Map<String, NdArray> t = Npz.read(tmp.resolve("targets.npz"));
        Map<String, NdArray> expected = Npz.read(tmp.resolve("losses.npz"));
        float[] input = Npy.read(tmp.resolve("input.npy")).toFloatArray();
        try (ZhangModel model = ZhangModel.fromCheckpoint(tmp.resolve("snapshot.pth.tar"));
             NDManager m = model.manager().newSubManager()) {
            NDArray x = m.create(input, new Shape(2, 3, 256, 256));
            NDList out = model.network().forward(new ParameterStore(m, false), new NDList(x), false, null);
            ZhangLoss.Targets gt = new ZhangLoss.Targets(array(m, t.get("joints")), array(m, t.get("hand_type")),
                array(m, t.get("betas")), array(m, t.get("joint_valid")), array(m, t.get("mano_valid")));
            Map<String, NDArray> terms = ZhangLoss.terms(out, gt);
            assertThat(terms).containsOnlyKeys(expected.keySet());
            for (Map.Entry<String, NDArray> e : terms.entrySet()) {
                double ours = e.getValue().toFloatArray()[0];
                double theirs = expected.get(e.getKey()).getDouble(0);
                System.out.printf("Zhang loss %s: %.8g vs PyTorch %.8g%n", e.getKey(), ours, theirs);
                assertThat(Math.abs(ours - theirs) / Math.abs(theirs)).as(e.getKey() + ", relative difference")
                    .isLessThanOrEqualTo(1e-5);
                assertThat(theirs).as(e.getKey()).isNotZero();
            }
        }
    }

    private static NDArray array(NDManager m, NdArray a) {
        long[] shape = new long[a.ndim()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = a.dim(i);
        }
        return m.create(a.toFloatArray(), new Shape(shape));
    }
}
