/**
 * Networks as DJL blocks (ResNet with torchvision parameter names, InterNet, the default two-hand network)
 * and weight import from PyTorch state dicts.
 */
package org.ambidex.nets;
