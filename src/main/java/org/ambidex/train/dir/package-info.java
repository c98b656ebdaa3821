/**
 * DIR's training objective ({@code models/dir.py: DIR.forward} in training mode and {@code models/loss.py},
 * {@code models/lovasz_loss.py}): every loss term by the reference's name, computed on DJL arrays so that
 * gradients reach the network. The training loop, data and schedule are not ported yet (issue 22).
 */
package org.ambidex.train.dir;
