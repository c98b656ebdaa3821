package org.ambidex.eval;

import java.util.List;

/**
 * The result of evaluating predictions under one protocol. Values are in the unit each item names: metres for
 * 3-D errors (reports print millimetres), pixels for 2-D errors, "1" for fractions. NaN means "no data".
 *
 * @param protocol the protocol's name (e.g. {@code interhand})
 * @param title a human title naming the reference implementation
 * @param method what the protocol does, one step per entry
 * @param counts how many samples and hands were matched, evaluated and left out
 * @param tables split x hand tables (MPJPE, MPVPE, 2-D errors)
 * @param scalars single numbers (MRRPE, handedness accuracy, AUC, F-scores)
 * @param curves PCK curves
 * @param perJoint per-joint mean errors per hand
 * @param notes anything the reader must know to interpret the numbers (left-out data, deviations)
 */
public record EvalReport(String protocol, String title, List<String> method, EvalCounts counts,
                         List<MetricTable> tables, List<Scalar> scalars, List<PckCurve> curves,
                         List<PerJointErrors> perJoint, List<String> notes) {

    public EvalReport {
        method = List.copyOf(method);
        tables = List.copyOf(tables);
        scalars = List.copyOf(scalars);
        curves = List.copyOf(curves);
        perJoint = List.copyOf(perJoint);
        notes = List.copyOf(notes);
    }

    /** This report with {@code extra} notes appended. */
    public EvalReport withNotes(List<String> extra) {
        List<String> all = new java.util.ArrayList<>(notes);
        all.addAll(extra);
        return new EvalReport(protocol, title, method, counts, tables, scalars, curves, perJoint, all);
    }

    /** The table with key {@code key}; fails if there is none. */
    public MetricTable table(String key) {
        return tables.stream().filter(t -> t.key().equals(key)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no table " + key + " in the " + protocol + " report"));
    }

    /** The scalar with key {@code key}; fails if there is none. */
    public Scalar scalar(String key) {
        return scalars.stream().filter(t -> t.key().equals(key)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no scalar " + key + " in the " + protocol + " report"));
    }

    /**
     * A split x hand table.
     *
     * @param key machine name (e.g. {@code mpjpe})
     * @param title human title
     * @param unit unit of the values ({@code m} or {@code px})
     * @param aggregation how the cells are formed from individual errors
     * @param official whether the reference implementation reports this number
     * @param values {@code values[split.ordinal()][column.ordinal()]}, NaN when there is no data
     * @param counts error instances behind each cell
     */
    public record MetricTable(String key, String title, String unit, String aggregation, boolean official,
                              double[][] values, long[][] counts) {
        public double value(Split split, HandColumn column) {
            return values[split.ordinal()][column.ordinal()];
        }

        public long count(Split split, HandColumn column) {
            return counts[split.ordinal()][column.ordinal()];
        }
    }

    /**
     * One number.
     *
     * @param key machine name
     * @param title human title
     * @param unit {@code m}, {@code px} or {@code 1}
     * @param value the value, NaN without data
     * @param count number of items averaged
     * @param official whether the reference implementation reports it
     */
    public record Scalar(String key, String title, String unit, double value, long count, boolean official) {
    }

    /**
     * A PCK curve: fraction of errors at or below each threshold (mean over points of per-point curves).
     *
     * @param key machine name
     * @param title human title
     * @param unit unit of the thresholds
     * @param split frames
     * @param column hands
     * @param thresholds threshold values
     * @param pck fractions, one per threshold
     * @param auc normalised area under the curve (mean over points of per-point areas)
     */
    public record PckCurve(String key, String title, String unit, Split split, HandColumn column,
                           double[] thresholds, double[] pck, double auc) {
    }

    /**
     * A per-joint value (OpenPose order; a mean error, or a PCK for {@code hand2d}) per hand over one split.
     *
     * @param key machine name
     * @param title human title
     * @param unit unit of the values
     * @param split frames
     * @param jointNames the 21 joint names
     * @param right per-joint values of the right hand (NaN without data)
     * @param left per-joint values of the left hand
     * @param both per-joint values of every hand together, whatever its side (also hands of unknown side), or null
     *     when the protocol reports sides only
     */
    public record PerJointErrors(String key, String title, String unit, Split split, List<String> jointNames,
                                 double[] right, double[] left, double[] both) {

        /** Values per side only. */
        public PerJointErrors(String key, String title, String unit, Split split, List<String> jointNames,
                              double[] right, double[] left) {
            this(key, title, unit, split, jointNames, right, left, null);
        }
    }
}
