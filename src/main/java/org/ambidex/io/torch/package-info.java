/**
 * Reading PyTorch {@code torch.save} checkpoints (zip and legacy containers) into a {@code StateDict},
 * and writing zip checkpoints that PyTorch loads.
 */
package org.ambidex.io.torch;
