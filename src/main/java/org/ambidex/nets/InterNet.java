package org.ambidex.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * InterNet (Moon et al., InterHand2.6M; SEED_SPEC B.1-B.3) with the state-dict names of the published checkpoints
 * (B.6, after {@code module.}): {@code backbone_net.resnet.*} and {@code pose_net.{joint_deconv_1, joint_deconv_2,
 * joint_conv_1.0, joint_conv_2.0, root_fc, hand_fc}.*}.
 *
 * <p>Input {@code (B, 3, 256, 256)} RGB divided by 255. Output, in this order:
 * <ol>
 *   <li>{@code joint_heatmap (B, 2J, D, 64, 64)} raw scores, joint-major (right hand's J joints, then the left's),
 *       axes depth, height, width;</li>
 *   <li>{@code rel_root_depth (B, 1)}: soft-argmax over the root bins (left wrist depth minus right, bin units);</li>
 *   <li>{@code hand_type (B, 2)}: sigmoid probabilities that the right and the left hand are present.</li>
 * </ol>
 */
public final class InterNet extends TorchModule {

    private final InterNetConfig config;
    private final ResNet resnet;
    private final PoseNet poseNet;

    public InterNet(InterNetConfig config) {
        this.config = config;
        Backbone backbone = child("backbone_net", new Backbone(config));
        this.resnet = backbone.resnet;
        this.poseNet = child("pose_net", new PoseNet(config, resnet.outChannels()));
    }

    public InterNetConfig config() {
        return config;
    }

    /** The backbone ({@code backbone_net.resnet}), e.g. to load ImageNet weights into it. */
    public ResNet resnet() {
        return resnet;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList features = resnet.forward(store, inputs, training, params);
        return poseNet.forward(store, features, training, params);
    }

    /** InterNet's {@code ResNetBackbone}: the torchvision ResNet held as {@code resnet}. */
    private static final class Backbone extends TorchModule {
        private final ResNet resnet;

        Backbone(InterNetConfig config) {
            resnet = child("resnet", new ResNet(config.resnetDepth(), config.resnetBase()));
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            return resnet.forward(store, inputs, training, params);
        }
    }

    /** InterNet's {@code PoseNet}: two joint heatmap branches, the root-depth head and the hand-type head. */
    private static final class PoseNet extends TorchModule {
        private final InterNetConfig config;
        private final Sequential deconv1;
        private final Sequential deconv2;
        private final Sequential conv1;
        private final Sequential conv2;
        private final Sequential rootFc;
        private final Sequential handFc;

        PoseNet(InterNetConfig config, int featureChannels) {
            this.config = config;
            // Declaration order as the reference's, which is the state-dict order.
            int out = config.jointsPerHand() * config.depthBins();
            deconv1 = child("joint_deconv_1", deconvolutions(featureChannels, config.deconvChannels()));
            conv1 = child("joint_conv_1", new Sequential(new Conv2d(config.deconvChannels(), out, 1, 1, 0, true)));
            deconv2 = child("joint_deconv_2", deconvolutions(featureChannels, config.deconvChannels()));
            conv2 = child("joint_conv_2", new Sequential(new Conv2d(config.deconvChannels(), out, 1, 1, 0, true)));
            rootFc = child("root_fc", new Sequential(new Linear(featureChannels, config.hiddenUnits()),
                Functional.relu(), new Linear(config.hiddenUnits(), config.rootBins())));
            handFc = child("hand_fc", new Sequential(new Linear(featureChannels, config.hiddenUnits()),
                Functional.relu(), new Linear(config.hiddenUnits(), 2)));
        }

        private static Sequential deconvolutions(int in, int channels) {
            return new Sequential(
                new ConvTranspose2d(in, channels, 4, 2, 1, false), new BatchNorm2d(channels), Functional.relu(),
                new ConvTranspose2d(channels, channels, 4, 2, 1, false), new BatchNorm2d(channels), Functional.relu(),
                new ConvTranspose2d(channels, channels, 4, 2, 1, false), new BatchNorm2d(channels), Functional.relu());
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            NDArray feat = inputs.singletonOrThrow();
            long batch = feat.getShape().get(0);
            int hm = Math.toIntExact(feat.getShape().get(2)) * 8;
            int joints = config.jointsPerHand();
            int depth = config.depthBins();
            NDArray right = conv1.forward(store, deconv1.forward(store, inputs, training, params), training, params)
                .singletonOrThrow().reshape(batch, joints, depth, hm, hm);
            NDArray left = conv2.forward(store, deconv2.forward(store, inputs, training, params), training, params)
                .singletonOrThrow().reshape(batch, joints, depth, hm, hm);
            NDArray heatmap = right.concat(left, 1);
            NDList pooled = new NDList(feat.reshape(batch, feat.getShape().get(1), -1).mean(new int[] {2}));
            NDArray rootLogits = rootFc.forward(store, pooled, training, params).singletonOrThrow();
            NDArray bins = rootLogits.getManager().arange(config.rootBins()).toType(rootLogits.getDataType(), false);
            NDArray rootDepth = rootLogits.softmax(1).mul(bins).sum(new int[] {1}, true);
            NDArray handType = handFc.forward(store, pooled, training, params).singletonOrThrow()
                .getNDArrayInternal().sigmoid();
            return new NDList(heatmap, rootDepth, handType);
        }
    }
}
