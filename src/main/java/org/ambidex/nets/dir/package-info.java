/**
 * DIR (Ren et al., ICCV 2023, "Decoupled Iterative Refinement Framework for Interacting Hands Reconstruction
 * from a Single RGB Image") as DJL blocks with the parameter names of the reference's state dict
 * ({@code models/dir.py} and the modules it uses), so the published {@code DIR.pth} loads as the reference loads
 * it. The network: a ResNet-50 pyramid, an attention-pooled initial regressor, and two decoupled refinement stages
 * (joint features sampled from the 2-D map, per-hand graph convolutions, a transformer over both hands' 42
 * joints, a regressor, and the joints' features rasterised back onto the 2-D map along the bones). Every stage
 * decodes both hands through manopth's layer configured as DIR configures it ({@link ManoPcaLayer}), whose data
 * the checkpoint carries.
 */
package org.ambidex.nets.dir;
