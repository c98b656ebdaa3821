/**
 * IntagHand (Li et al., CVPR 2022, Dw1010/IntagHand) as DJL blocks with the reference's parameter names: the
 * ResNet-50 encoder with its two up-sampling decoders, the mid model, and the graph decoder (dual graph layers of
 * dense Chebyshev convolutions, image attention, inter-hand attention, 1-D nearest up-sampling, heads); the graph
 * pickles of {@code misc.tar.gz} read safely; the crop's network input; the loaded model. Part of {@code nets}' row.
 */
package org.ambidex.nets.intaghand;
