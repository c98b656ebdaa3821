/**
 * Training IntagHand: its loss terms as the reference computes them ({@code core/Loss.py}); the trainer, data
 * pipeline and schedule are not written yet.
 */
package org.ambidex.train.intaghand;
