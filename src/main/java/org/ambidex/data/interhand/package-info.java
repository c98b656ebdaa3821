/**
 * InterHand2.6M v1.0 (and datasets written in its format): streaming readers of the annotation files, the
 * skeleton, RootNet outputs, and the {@code InterHandDataset} producing {@code Sample}s as the official loader
 * computes them.
 */
package org.ambidex.data.interhand;
