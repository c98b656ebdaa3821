/**
 * The hand model: sides, named joints and joint orders, immutable model data, MANO-compatible linear blend
 * skinning on DJL NDArrays, model loaders for the official MANO files and the open hand model.
 */
package org.ambidex.hand;
