/**
 * Google's MediaPipe Hands networks as ambidex ships them: the palm detectors and hand-landmark regressors (full
 * and lite; Apache-2.0, with their licence and provenance beside them), each checked against its sha256 and opened
 * as a {@code TfliteNetwork}. Their decoding lives in {@code org.ambidex.detect}.
 */
package org.ambidex.nets.mediapipe;
