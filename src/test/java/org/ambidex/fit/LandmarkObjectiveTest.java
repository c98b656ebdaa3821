package org.ambidex.fit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.ambidex.hand.FingertipSet;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandSide;
import org.ambidex.hand.JointOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fitting cost's gradient (all terms: robust world positions, bone directions, robust reprojection, the depth
 * prior, pose and shape priors) equals central finite differences of the cost, at a point where every robust weight is well below
 * one, so the Gauss-Newton system the solver uses is that of the cost it evaluates.
 */
class LandmarkObjectiveTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"open, RIGHT", "open, LEFT", "mano, RIGHT"})
    void gradientEqualsFiniteDifferences(String name, HandSide side) {
        HandModel model = TestModels.named(name, side);
        FitOptions options = FitOptions.defaults();
        ModelArrays arrays = new ModelArrays(model);
        KeypointSkeleton skeleton = new KeypointSkeleton(arrays, model.tipVertices(FingertipSet.INTAGHAND));
        JointFrames frames = JointFrames.of(model, skeleton.restKeypoints());
        FitLayout layout = new FitLayout(frames, model.shapeCount(), options.betaLimit());
        PcaPosePrior prior = new PcaPosePrior(model, 1, 0.2);
        SplittableRandom r = new SplittableRandom(3);
        double[] world = new double[63];
        double[] image = new double[42];
        for (int i = 0; i < 21; i++) {
            for (int c = 0; c < 3; c++) {
                world[3 * i + c] = 0.05 * r.nextGaussian();
            }
            image[2 * i] = 640 + 100 * r.nextGaussian();
            image[2 * i + 1] = 480 + 100 * r.nextGaussian();
        }
        double[] weights = new double[21];
        java.util.Arrays.fill(weights, 1);
        weights[3] = 0.5;
        LandmarkObjective objective = new LandmarkObjective(layout, skeleton, frames, prior, options,
            LandmarkObjective.Terms.WORLD_AND_IMAGE, layout.free(true, true, true), world, image, SyntheticHand.CAMERA, weights,
            Range.FREE, new DepthPrior(0.55, 0.01));
        double[] x = new double[layout.size()];
        for (int i = 0; i < 3; i++) {
            x[i] = r.nextGaussian();
        }
        for (int i = 0; i < 45; i++) {
            x[3 + i] = frames.limit(i).at(0.2 + 0.6 * r.nextDouble());
        }
        for (int l = 0; l < model.shapeCount(); l++) {
            x[layout.betas() + l] = r.nextGaussian();
        }
        x[layout.offset()] = 0.01;
        x[layout.translation() + 2] = 0.6;
        NormalEquations normal = new NormalEquations(layout.size());
        double cost = objective.evaluate(x, normal);
        assertThat(cost).isFinite();
        double h = 1e-6;
        double worst = 0;
        double largest = 0;
        for (int i = 0; i < layout.size(); i++) {
            double[] step = new double[layout.size()];
            double[] plus = new double[layout.size()];
            double[] minus = new double[layout.size()];
            step[i] = h;
            objective.retract(x, step, plus);
            step[i] = -h;
            objective.retract(x, step, minus);
            double numeric = (objective.evaluate(plus, null) - objective.evaluate(minus, null)) / (2 * h);
            worst = Math.max(worst, Math.abs(numeric - normal.gradient(i)));
            largest = Math.max(largest, Math.abs(numeric));
        }
        assertThat(worst).isLessThan(1e-6 * largest);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"open", "mano"})
    void exactLandmarksCostNothingButThePriors(String name) {
        HandModel model = TestModels.named(name, HandSide.RIGHT);
        FitOptions options = FitOptions.defaults();
        ModelArrays arrays = new ModelArrays(model);
        KeypointSkeleton skeleton = new KeypointSkeleton(arrays, model.tipVertices(FingertipSet.INTAGHAND));
        JointFrames frames = JointFrames.of(model, skeleton.restKeypoints());
        FitLayout layout = new FitLayout(frames, model.shapeCount(), options.betaLimit());
        LandmarkObjective zeroPriors = new LandmarkObjective(layout, skeleton, frames, new PcaPosePrior(model, 0, 1),
            new FitOptions(0.005, 0.02, 2, 10, 1, options.jointWeights(), 0, 0.2, 0, 3, true, 10, 1),
            LandmarkObjective.Terms.WORLD_AND_IMAGE, layout.free(true, true, true), new double[63], new double[42], SyntheticHand.CAMERA,
            new double[21]);
        double[] x = new double[layout.size()];
        x[layout.translation() + 2] = 0.5;
        double[] q = zeroPriors.keypoints(x).clone();
        double[] image = new double[42];
        for (int i = 0; i < 21; i++) {
            double[] uv = SyntheticHand.CAMERA.project(new org.ambidex.geom.Vec3(q[3 * i], q[3 * i + 1],
                q[3 * i + 2] + 0.5));
            image[2 * i] = uv[0];
            image[2 * i + 1] = uv[1];
        }
        double[] weights = JointOrder.MANO16_TIPS.convert(options.jointWeights(), JointOrder.OPENPOSE, 1);
        LandmarkObjective exact = new LandmarkObjective(layout, skeleton, frames, new PcaPosePrior(model, 0, 1),
            new FitOptions(0.005, 0.02, 2, 10, 1, options.jointWeights(), 0, 0.2, 0, 3, true, 10, 1),
            LandmarkObjective.Terms.WORLD_AND_IMAGE, layout.free(true, true, true), q, image, SyntheticHand.CAMERA, weights);
        assertThat(exact.evaluate(x, null)).isLessThan(1e-20);
    }
}
