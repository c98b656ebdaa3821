/**
 * Cross-cutting foundations with no deep-learning dependency: the bad-input exception and exit statuses,
 * atomic output files, progress reporting and version information. Every command reports errors, writes
 * files and shows progress through this package, so the conventions hold everywhere.
 */
package org.ambidex.core;
