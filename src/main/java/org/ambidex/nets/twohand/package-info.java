/**
 * The default two-hand mesh network (issue 10), in the spirit of Zhang et al. (ICCV 2021) and DIR (ICCV 2023):
 * a narrow ResNet backbone, per-hand spatial attention pooling, per-hand hand-model parameters (6-D root
 * rotation, PCA finger pose, shape, weak-perspective camera), a presence logit per hand, the placement of the
 * left wrist relative to the right one, and residual refinement stages that look at the image features under
 * the joints predicted by the previous stage. The hand layer runs inside the graph, so losses on joints and
 * vertices train the parameters.
 */
package org.ambidex.nets.twohand;
