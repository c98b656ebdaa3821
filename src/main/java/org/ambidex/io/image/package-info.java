/**
 * Image decoding (EXIF orientation applied, RGB) and encoding; images are HWC at this boundary.
 */
package org.ambidex.io.image;
