/**
 * The hand model: sides, named joints and joint orders, immutable model data, MANO-compatible linear blend
 * skinning on DJL NDArrays ({@link org.ambidex.hand.HandLayer}) and its plain-array facade
 * ({@link org.ambidex.hand.ArrayHandPoser}), model loaders for the official MANO files. Models built into
 * ambidex, such as the open hand model, are found by name as {@link org.ambidex.hand.BuiltInHandModel}s, so this
 * package does not depend on the packages that build them.
 */
package org.ambidex.hand;
