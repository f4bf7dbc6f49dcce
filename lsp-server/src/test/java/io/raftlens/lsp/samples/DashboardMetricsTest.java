package io.raftlens.lsp.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.raft.metrics.ChannelRaftMetrics;
import io.raftlens.raft.metrics.HealthRegistry;
import io.raftlens.raft.metrics.OperationsServer;
import io.raftlens.raft.metrics.OrdererMetrics;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the Prometheus configuration in samples/observability/ ask only for what the nodes
 * serve: every metric the dashboard queries is exported by a real operations endpoint (OrdererMetrics behind an
 * OperationsServer on 127.0.0.1), with the labels the dashboard uses.
 */
class DashboardMetricsTest {

    /** Labels Prometheus adds to every scraped series: its own and the ones prometheus.yml attaches to targets. */
    private static final Set<String> TARGET_LABELS = Set.of("job", "instance", "orderer");

    @Test
    void dashboardHasTheArticlesPanelsOnFabricMetricNames() throws Exception {
        DashboardQueries q = DashboardQueries.read();
        assertTrue(q.metrics.containsAll(List.of("consensus_etcdraft_cluster_size", "consensus_etcdraft_active_nodes",
                "consensus_etcdraft_is_leader", "consensus_etcdraft_leader_changes",
                "consensus_etcdraft_committed_block_number")), "the article's panels: " + q.metrics);
        assertTrue(q.expressions.keySet().stream().anyMatch(e -> e.matches("count by \\(channel\\) \\(consensus_etcdraft_is_leader\\{.*} > 0\\)")),
                "a panel counts the leaders of each channel: " + q.expressions.keySet());
    }

    @Test
    void everyMetricTheDashboardQueriesIsExportedByAnOperationsEndpoint() throws Exception {
        DashboardQueries q = DashboardQueries.read();
        OrdererMetrics metrics = new OrdererMetrics();
        ChannelRaftMetrics chain = metrics.etcdraft().forChannel("mychannel", 5, 0);
        chain.isLeader(true);
        chain.leaderChanged();
        try (OperationsServer ops = OperationsServer.start("127.0.0.1", 0, metrics, new HealthRegistry())) {
            String text = LaunchedSample.get("http://127.0.0.1:" + ops.address().getPort() + "/metrics");
            assertEquals(List.of(), q.missingFrom(text), "dashboard metrics the operations endpoint does not export");
            Set<String> exportedLabels = new TreeSet<>(TARGET_LABELS);
            for (String metric : q.metrics) {
                exportedLabels.addAll(DashboardQueries.labelsOf(text, metric));
            }
            Set<String> unknown = new TreeSet<>(q.labels);
            unknown.removeAll(exportedLabels);
            assertEquals(Set.of(), unknown, "labels the dashboard uses that neither the metrics nor prometheus.yml have");
            assertEquals(1.0, LaunchedSample.value(text, "consensus_etcdraft_is_leader", "mychannel"));
            assertEquals(5.0, LaunchedSample.value(text, "consensus_etcdraft_cluster_size", "mychannel"));
        }
    }

    @Test
    void extractionFindsMetricsNotFunctionsKeywordsOrLabels() {
        DashboardQueries q = DashboardQueries.of(
                "sum by (channel, orderer) (rate(consensus_etcdraft_leader_changes{channel=~\"$channel\", job!=\"x\"}[5m]))"
                        + " / on(channel) group_left max without (instance) (consensus_etcdraft_cluster_size) > bool 0",
                "label_values(consensus_etcdraft_is_leader, channel)",
                "histogram_quantile(0.99, sum by (le) (rate(consensus_etcdraft_data_persist_duration_bucket[1m])))");
        assertEquals(Set.of("consensus_etcdraft_leader_changes", "consensus_etcdraft_cluster_size",
                "consensus_etcdraft_is_leader", "consensus_etcdraft_data_persist_duration_bucket"), Set.copyOf(q.metrics));
        assertEquals(Set.of("channel", "orderer", "job", "instance", "le"), Set.copyOf(q.labels));
        String exported = "# TYPE consensus_etcdraft_data_persist_duration histogram\n# TYPE consensus_etcdraft_is_leader gauge\n";
        assertEquals(List.of("consensus_etcdraft_cluster_size", "consensus_etcdraft_leader_changes"), q.missingFrom(exported));
    }

    @Test
    void prometheusScrapesTheFiveOperationsEndpointsWithOrdererLabels() throws Exception {
        String yml = Files.readString(Repo.samples().resolve("observability/prometheus.yml"));
        Matcher t = Pattern.compile("targets: \\[\"127\\.0\\.0\\.1:(\\d+)\"]\\s*\\n\\s*labels: \\{orderer: (orderer\\d)\\.example\\.com}").matcher(yml);
        int n = 0;
        while (t.find()) {
            assertEquals(8443 + n, Integer.parseInt(t.group(1)), "operations port of node " + (n + 1));
            assertEquals("orderer" + (n + 1), t.group(2));
            n++;
        }
        assertEquals(5, n, "five targets, 8443..8447, as raftlens launch assigns them");
        assertTrue(yml.contains("metrics_path: /metrics"));
    }
}
