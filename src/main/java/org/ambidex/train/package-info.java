/**
 * Training loops, losses, learning-rate schedules and resumable checkpoints.
 */
package org.ambidex.train;
