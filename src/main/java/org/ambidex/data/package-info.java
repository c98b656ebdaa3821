/**
 * Datasets: the common {@code Sample} record, readers of InterHand2.6M and other datasets, crops and
 * augmentation with their inverse transforms.
 */
package org.ambidex.data;
