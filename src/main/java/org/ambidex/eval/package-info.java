/**
 * Evaluation metrics and the named protocols of the field, with reports and plots.
 *
 * <p>Layers, bottom up:
 * <ul>
 * <li>metrics on plain packed arrays (metres, 21 x 3 joints in the OpenPose order): {@link
 *     org.ambidex.eval.Alignment} (none, wrist or middle-MCP root, wrist-to-MCP length scaling, Procrustes),
 *     {@link org.ambidex.eval.Metrics}, {@link org.ambidex.eval.PointErrors}, {@link org.ambidex.eval.FScore},
 *     {@link org.ambidex.eval.FreiHandAlignment}, {@link org.ambidex.eval.PckThresholds};</li>
 * <li>records of what is compared: {@link org.ambidex.eval.GroundTruthSample} / {@link
 *     org.ambidex.eval.HandTruth} and {@link org.ambidex.eval.Prediction} / {@link
 *     org.ambidex.eval.HandPrediction}, with adapters from datasets ({@link
 *     org.ambidex.eval.InterHandGroundTruth}, {@link org.ambidex.eval.FreiHandGroundTruth}) and readers of
 *     prediction files ({@link org.ambidex.eval.PredictionsReader}, {@link
 *     org.ambidex.eval.FreiHandPredictions});</li>
 * <li>2-D hand instances ({@link org.ambidex.eval.HandKeypointTruth}, from COCO-format files through {@link
 *     org.ambidex.eval.CocoHandGroundTruth}) and mmpose's float32 keypoint distances and accuracies ({@link
 *     org.ambidex.eval.MmposeDistances});</li>
 * <li>protocols, each computing its reference implementation's numbers exactly: {@link
 *     org.ambidex.eval.InterHandProtocol}, {@link org.ambidex.eval.IntagHandProtocol}, {@link
 *     org.ambidex.eval.DirProtocol}, {@link org.ambidex.eval.ZhangProtocol}, {@link
 *     org.ambidex.eval.FreiHandProtocol}, run by {@link org.ambidex.eval.Evaluator}; and {@link
 *     org.ambidex.eval.Hand2dProtocol} (mmpose's 2-D hand PCK, AUC and EPE), which scores hand instances rather
 *     than frames and so runs itself;</li>
 * <li>the {@link org.ambidex.eval.EvalReport} and its writers ({@link org.ambidex.eval.ReportJson},
 *     {@link org.ambidex.eval.ReportMarkdown}, {@link org.ambidex.eval.ReportCharts}).</li>
 * </ul>
 * File formats: docs/FORMATS.md.
 */
package org.ambidex.eval;
