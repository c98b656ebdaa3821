/**
 * Training of the default two-hand mesh network ({@code ambidex train --arch twohand}): examples cut from
 * InterHand2.6M-format samples, the losses, the training loop with checkpoints that resume exactly, and the
 * per-epoch validation under the evaluation protocols.
 */
package org.ambidex.train.twohand;
