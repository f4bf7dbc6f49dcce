package io.raftlens.raft.metrics;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Label;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.Writer;

/**
 * Prometheus text exposition format 0.0.4 written the way Fabric's orderer (client_golang) writes it.
 *
 * <p>Why not the client's own PrometheusTextFormatWriter: Prometheus Java client 1.x always appends {@code _total}
 * to counter samples and to the counter's TYPE line ({@code cluster_comm_msg_dropped_count_total}), while Fabric's
 * counters carry no suffix ({@code consensus_etcdraft_leader_changes}), and Fabric's dashboards and alerts query
 * those exact names. So this writer renders the client's snapshots itself: counters under their own name, gauges,
 * and classic histograms ({@code _bucket} with cumulative counts and an {@code le} label, {@code _sum},
 * {@code _count}). Families without samples are omitted, as client_golang omits vectors with no children.
 */
public final class FabricTextFormat {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private FabricTextFormat() {}

    public static void write(Writer out, MetricSnapshots snapshots) throws IOException {
        for (MetricSnapshot snapshot : snapshots) {
            if (snapshot.getDataPoints().isEmpty()) {
                continue;
            }
            String name = snapshot.getMetadata().getPrometheusName();
            if (snapshot instanceof CounterSnapshot counter) {
                header(out, name, snapshot, "counter");
                for (CounterSnapshot.CounterDataPointSnapshot dp : counter.getDataPoints()) {
                    sample(out, name, "", dp.getLabels(), null, dp.getValue());
                }
            } else if (snapshot instanceof GaugeSnapshot gauge) {
                header(out, name, snapshot, "gauge");
                for (GaugeSnapshot.GaugeDataPointSnapshot dp : gauge.getDataPoints()) {
                    sample(out, name, "", dp.getLabels(), null, dp.getValue());
                }
            } else if (snapshot instanceof HistogramSnapshot histogram) {
                header(out, name, snapshot, "histogram");
                for (HistogramSnapshot.HistogramDataPointSnapshot dp : histogram.getDataPoints()) {
                    ClassicHistogramBuckets buckets = dp.getClassicBuckets();
                    long cumulative = 0;
                    for (int i = 0; i < buckets.size(); i++) {
                        cumulative += buckets.getCount(i);
                        sample(out, name, "_bucket", dp.getLabels(), formatBound(buckets.getUpperBound(i)),
                                cumulative);
                    }
                    sample(out, name, "_sum", dp.getLabels(), null, dp.hasSum() ? dp.getSum() : 0);
                    sample(out, name, "_count", dp.getLabels(), null, dp.hasCount() ? dp.getCount() : cumulative);
                }
            }
            // other metric types are not used by the orderer's metrics
        }
    }

    private static void header(Writer out, String name, MetricSnapshot snapshot, String type) throws IOException {
        String help = snapshot.getMetadata().getHelp();
        if (help != null && !help.isEmpty()) {
            out.write("# HELP " + name + " " + escapeHelp(help) + "\n");
        }
        out.write("# TYPE " + name + " " + type + "\n");
    }

    private static void sample(Writer out, String name, String suffix, Labels labels, String le, double value)
            throws IOException {
        out.write(name);
        out.write(suffix);
        if (!labels.isEmpty() || le != null) {
            out.write('{');
            boolean first = true;
            for (Label label : labels) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                out.write(label.getName());
                out.write("=\"");
                out.write(escapeLabelValue(label.getValue()));
                out.write('"');
            }
            if (le != null) {
                if (!first) {
                    out.write(',');
                }
                out.write("le=\"" + le + "\"");
            }
            out.write('}');
        }
        out.write(' ');
        out.write(formatValue(value));
        out.write('\n');
    }

    /** Like Go's strconv.FormatFloat(v, 'g', -1, 64) for the values metrics take: 3, 0.25, +Inf. */
    static String formatValue(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static String formatBound(double bound) {
        return formatValue(bound);
    }

    private static String escapeHelp(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private static String escapeLabelValue(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
