/**
 * The open hand model: ambidex's own MANO-compatible parametric hand, built by code from anthropometric
 * tables (no MANO data is used). {@link org.ambidex.hand.open.OpenHandGenerator} builds the right model
 * (template mesh, skinning weights, joint regressor, shape and pose spaces, joint axes and limits);
 * {@link org.ambidex.hand.open.OpenHandModel} loads the committed right model and mirrors it into the left;
 * {@link org.ambidex.hand.open.OpenModelSource} registers them as the built-in model {@code open}, which is how
 * {@code HandModelLoader} reaches this package without depending on it.
 *
 * <p>Frame and units are those of MANO's right hand: metres, wrist near (0.095, 0.006, 0.006), fingers
 * along -x, back of the hand towards +y, thumb towards +z. See docs/HAND_MODEL.md.
 */
package org.ambidex.hand.open;
