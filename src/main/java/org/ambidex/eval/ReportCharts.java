package org.ambidex.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ambidex.core.AtomicOutput;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG charts of a report: the PCK curves and the per-joint errors (XChart, written atomically). */
public final class ReportCharts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;

    private ReportCharts() {
    }

    /**
     * The PCK curves of the report's first curve family: all frames for left, right and both hands, and single and
     * interacting frames for both hands. False when the report has no curve.
     */
    public static boolean writePck(Path file, EvalReport r) {
        if (r.curves().isEmpty()) {
            return false;
        }
        String key = r.curves().get(0).key();
        List<EvalReport.PckCurve> family = r.curves().stream().filter(c -> c.key().equals(key)).toList();
        EvalReport.PckCurve first = family.get(0);
        boolean metres = "m".equals(first.unit());
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
            .title(r.protocol() + ": " + first.title())
            .xAxisTitle("threshold (" + (metres ? "mm" : first.unit()) + ")").yAxisTitle("PCK (%)").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        // XChart places ticks on data points (10.05 mm for 200 steps over 50 mm); whole-number labels are within
        // a pixel of their place and read far better. A coarse curve (hand2d's 20 AUC thresholds, 1.5 px apart)
        // keeps one decimal, or its labels would be a threshold off.
        chart.getStyler().setXAxisDecimalPattern(first.thresholds().length <= 40 ? "#0.#" : "#0");
        for (EvalReport.PckCurve c : family) {
            if (c.split() != Split.ALL && c.column() != HandColumn.BOTH) {
                continue;
            }
            double[] x = new double[c.thresholds().length];
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = c.thresholds()[i] * (metres ? 1000 : 1);
                y[i] = c.pck()[i] * 100;
            }
            XYSeries s = chart.addSeries(String.format(Locale.ROOT, "%s, %s (AUC %.3f)", c.split().label(),
                c.column().label(), c.auc()), x, y);
            s.setMarker(SeriesMarkers.NONE);
        }
        write(file, chart);
        return true;
    }

    /**
     * Bars of the first per-joint item over all frames (a mean error): every hand when the item has that series,
     * left and right. False without per-joint data.
     */
    public static boolean writePerJoint(Path file, EvalReport r) {
        EvalReport.PerJointErrors e = r.perJoint().stream().filter(p -> p.split() == Split.ALL).findFirst()
            .orElse(null);
        if (e == null) {
            return false;
        }
        boolean metres = "m".equals(e.unit());
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH * 3 / 2).height(HEIGHT)
            .title(r.protocol() + ": " + e.title() + ", all frames")
            .xAxisTitle("joint").yAxisTitle("mean error (" + (metres ? "mm" : e.unit()) + ")").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisLabelRotation(60);
        chart.getStyler().setAvailableSpaceFill(0.8);
        boolean any = false;
        List<String> names = new ArrayList<>(List.of(Hands.name(Hands.LEFT), Hands.name(Hands.RIGHT)));
        List<double[]> series = new ArrayList<>(List.of(e.left(), e.right()));
        if (e.both() != null) {
            names.add(0, "all");
            series.add(0, e.both());
        }
        for (int s = 0; s < names.size(); s++) {
            List<Double> ys = new ArrayList<>();
            boolean has = false;
            for (double v : series.get(s)) {
                // A joint without data is drawn at 0; the report's table says n/a for it.
                ys.add(Double.isNaN(v) ? 0.0 : v * (metres ? 1000 : 1));
                has |= !Double.isNaN(v);
            }
            if (has) {
                chart.addSeries(names.get(s), e.jointNames(), ys);
                any = true;
            }
        }
        if (!any) {
            return false;
        }
        write(file, chart);
        return true;
    }

    private static void write(Path file, Chart<?, ?> chart) {
        byte[] png;
        try {
            png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicOutput.writeBytes(file, png);
    }
}
