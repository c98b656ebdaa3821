package org.ambidex.eval;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders an {@link EvalReport} as Markdown that reads at a glance: each table has the frame splits (single,
 * interacting, all) as rows and the hands (left, right, both) as columns; millimetres with two decimals.
 */
public final class ReportMarkdown {

    private ReportMarkdown() {
    }

    /**
     * The Markdown text.
     *
     * @param provenance lines shown under the title (inputs, options, version)
     * @param images image files (relative paths) to show, with their captions
     */
    public static String render(EvalReport r, Map<String, String> provenance, Map<String, String> images) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(r.title()).append("\n\n");
        b.append("Protocol `").append(r.protocol()).append("`. ").append(metric(r) ? "Errors in millimetres unless "
            + "marked" : "Units as marked").append("; \"n/a\": no data; (*) not reported by the reference "
            + "implementation.\n\n");
        provenance.forEach((k, v) -> b.append("- ").append(k).append(": `").append(v).append("`\n"));
        b.append('\n');
        for (EvalReport.MetricTable t : r.tables()) {
            String unit = unitLabel(t.unit());
            b.append("## ").append(t.title()).append(t.official() ? "" : " (*)").append(" [").append(unit)
                .append("]\n\n");
            b.append("| frames | left | right | both |\n|---|---:|---:|---:|\n");
            for (Split s : Split.values()) {
                b.append("| ").append(s.label());
                for (HandColumn h : List.of(HandColumn.LEFT, HandColumn.RIGHT, HandColumn.BOTH)) {
                    b.append(" | ").append(value(t.value(s, h), t.unit()));
                }
                b.append(" |\n");
            }
            b.append("\n_").append(t.aggregation()).append("; ").append(t.count(Split.ALL, HandColumn.BOTH))
                .append(" errors in all._\n\n");
        }
        if (!r.scalars().isEmpty()) {
            b.append("## Other results\n\n| metric | value | over |\n|---|---:|---:|\n");
            for (EvalReport.Scalar s : r.scalars()) {
                b.append("| ").append(s.title()).append(s.official() ? "" : " (*)").append(" | ")
                    .append(scalarValue(s)).append(" | ").append(s.count()).append(" |\n");
            }
            b.append('\n');
        }
        if (!r.curves().isEmpty()) {
            b.append("## PCK (area under the curve)\n\n| curve | frames | left | right | both |\n|---|---|---:|---:|---:|\n");
            for (String key : r.curves().stream().map(EvalReport.PckCurve::key).distinct().toList()) {
                for (Split s : Split.values()) {
                    List<EvalReport.PckCurve> row = r.curves().stream()
                        .filter(c -> c.key().equals(key) && c.split() == s).toList();
                    if (row.isEmpty()) {
                        continue;
                    }
                    EvalReport.PckCurve first = row.get(0);
                    b.append("| ").append(first.title()).append(", ").append(range(first)).append(" | ")
                        .append(s.label());
                    for (HandColumn h : List.of(HandColumn.LEFT, HandColumn.RIGHT, HandColumn.BOTH)) {
                        double auc = row.stream().filter(c -> c.column() == h).mapToDouble(EvalReport.PckCurve::auc)
                            .findFirst().orElse(Double.NaN);
                        b.append(" | ").append(Double.isNaN(auc) ? "n/a" : String.format(Locale.ROOT, "%.4f", auc));
                    }
                    b.append(" |\n");
                }
            }
            b.append('\n');
        }
        images.forEach((file, caption) -> b.append("![").append(caption).append("](").append(file).append(")\n\n"));
        for (EvalReport.PerJointErrors e : r.perJoint()) {
            if (e.split() != Split.ALL) {
                continue;
            }
            boolean both = e.both() != null;
            boolean sides = hasData(e.left()) || hasData(e.right()) || !both;
            b.append("## ").append(e.title()).append(", ").append(e.split().label()).append(" frames [")
                .append(unitLabel(e.unit())).append("]\n\n| joint |").append(both ? " all |" : "")
                .append(sides ? " left | right |" : "").append("\n|---|").append(both ? "---:|" : "")
                .append(sides ? "---:|---:|" : "").append('\n');
            for (int j = 0; j < e.jointNames().size(); j++) {
                b.append("| ").append(e.jointNames().get(j)).append(" |");
                if (both) {
                    b.append(' ').append(value(e.both()[j], e.unit())).append(" |");
                }
                if (sides) {
                    b.append(' ').append(value(e.left()[j], e.unit())).append(" | ").append(value(e.right()[j], e.unit()))
                        .append(" |");
                }
                b.append('\n');
            }
            b.append('\n');
        }
        EvalCounts c = r.counts();
        b.append("## Samples\n\n| | count |\n|---|---:|\n")
            .append("| ground-truth samples | ").append(c.groundTruthSamples()).append(" |\n")
            .append("| predictions | ").append(c.predictions()).append(" |\n")
            .append("| evaluated | ").append(c.evaluatedSamples()).append(" |\n");
        if (c.singleSamples() + c.interactingSamples() > 0) {
            b.append("| &nbsp;&nbsp;single-hand | ").append(c.singleSamples()).append(" |\n")
                .append("| &nbsp;&nbsp;interacting | ").append(c.interactingSamples()).append(" |\n");
        }
        b.append("| samples without prediction | ").append(c.samplesWithoutPrediction()).append(" |\n")
            .append("| predictions without ground truth | ").append(c.predictionsWithoutGroundTruth()).append(" |\n")
            .append("| hands without prediction | ").append(c.handsWithoutPrediction()).append(" |\n")
            .append("| samples outside the protocol | ").append(c.samplesOutsideProtocol()).append(" |\n")
            .append("| samples without MANO parameters | ").append(c.samplesWithoutMano()).append(" |\n")
            .append("| hands without MANO parameters | ").append(c.handsWithoutMano()).append(" |\n\n");
        b.append("## Method\n\n");
        r.method().forEach(m -> b.append("- ").append(m).append('\n'));
        if (!r.notes().isEmpty()) {
            b.append("\n## Notes\n\n");
            r.notes().forEach(n -> b.append("- ").append(n).append('\n'));
        }
        return b.toString();
    }

    /** Whether any item of the report is in metres (printed as millimetres). */
    private static boolean metric(EvalReport r) {
        return r.tables().stream().anyMatch(t -> "m".equals(t.unit()))
            || r.scalars().stream().anyMatch(t -> "m".equals(t.unit()))
            || r.curves().stream().anyMatch(t -> "m".equals(t.unit()))
            || r.perJoint().stream().anyMatch(t -> "m".equals(t.unit()));
    }

    private static String unitLabel(String unit) {
        return switch (unit) {
            case "m" -> "mm";
            case "px" -> "pixels";
            case "1" -> "fraction";
            default -> unit;
        };
    }

    private static String value(double v, String unit) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if ("1".equals(unit)) {
            return String.format(Locale.ROOT, "%.4f", v);
        }
        return String.format(Locale.ROOT, "%.2f", "m".equals(unit) ? v * 1000 : v);
    }

    private static boolean hasData(double[] values) {
        for (double v : values) {
            if (!Double.isNaN(v)) {
                return true;
            }
        }
        return false;
    }

    private static String scalarValue(EvalReport.Scalar s) {
        if (Double.isNaN(s.value())) {
            return "n/a";
        }
        return switch (s.unit()) {
            case "m" -> String.format(Locale.ROOT, "%.2f mm", s.value() * 1000);
            case "px" -> String.format(Locale.ROOT, "%.2f px", s.value());
            default -> s.key().contains("accuracy") ? String.format(Locale.ROOT, "%.2f %%", s.value() * 100)
                : String.format(Locale.ROOT, "%.4f", s.value());
        };
    }

    private static String range(EvalReport.PckCurve c) {
        double f = "m".equals(c.unit()) ? 1000 : 1;
        double[] t = c.thresholds();
        return plain(t[0] * f) + "-" + plain(t[t.length - 1] * f) + " " + unitLabel(c.unit()) + ", " + t.length
            + " thresholds";
    }

    /** A number without trailing zeros (50, 0.5, 12.75), rounded to 6 decimals. */
    private static String plain(double v) {
        return new java.math.BigDecimal(v).setScale(6, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros()
            .toPlainString();
    }
}
