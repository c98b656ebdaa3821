/**
 * Evaluation metrics and the named protocols of the field, with reports and plots.
 */
package org.ambidex.eval;
