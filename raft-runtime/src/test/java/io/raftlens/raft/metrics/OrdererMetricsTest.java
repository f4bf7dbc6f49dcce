package io.raftlens.raft.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OrdererMetricsTest {
    private static final String CH = "{channel=\"mychannel\"}";

    @Test
    void etcdraftMetricsHaveFabricNamesTypesLabelsAndInitialValues() {
        OrdererMetrics metrics = new OrdererMetrics();
        ChannelRaftMetrics raft = metrics.etcdraft().forChannel("mychannel", 5, 0);
        Exposition initial = new Exposition(metrics.scrape());
        initial.assertSample("consensus_etcdraft_cluster_size" + CH, "5");
        initial.assertSample("consensus_etcdraft_is_leader" + CH, "0");
        initial.assertSample("consensus_etcdraft_active_nodes" + CH, "0");
        initial.assertSample("consensus_etcdraft_committed_block_number" + CH, "0");
        initial.assertSample("consensus_etcdraft_leader_changes" + CH, "0");
        initial.assertSample("consensus_etcdraft_proposal_failures" + CH, "0");

        raft.isLeader(true);
        raft.activeNodes(5);
        raft.committedBlockNumber(12);
        raft.snapshotBlockNumber(10);
        raft.leaderChanged();
        raft.leaderChanged();
        raft.proposalFailed();
        raft.normalProposalReceived();
        raft.configProposalReceived();
        raft.dataPersisted(Duration.ofMillis(3));
        raft.dataPersisted(Duration.ofMillis(300));

        Exposition e = new Exposition(metrics.scrape());
        for (String gauge : new String[] {"cluster_size", "is_leader", "active_nodes", "committed_block_number",
                "snapshot_block_number"}) {
            e.assertType("consensus_etcdraft_" + gauge, "gauge");
        }
        for (String counter : new String[] {"leader_changes", "proposal_failures", "normal_proposals_received",
                "config_proposals_received"}) {
            e.assertType("consensus_etcdraft_" + counter, "counter");
        }
        e.assertType("consensus_etcdraft_data_persist_duration", "histogram");
        e.assertSample("consensus_etcdraft_is_leader" + CH, "1");
        e.assertSample("consensus_etcdraft_active_nodes" + CH, "5");
        e.assertSample("consensus_etcdraft_committed_block_number" + CH, "12");
        e.assertSample("consensus_etcdraft_snapshot_block_number" + CH, "10");
        e.assertSample("consensus_etcdraft_leader_changes" + CH, "2");
        e.assertSample("consensus_etcdraft_proposal_failures" + CH, "1");
        e.assertSample("consensus_etcdraft_normal_proposals_received" + CH, "1");
        e.assertSample("consensus_etcdraft_config_proposals_received" + CH, "1");
        // Prometheus default buckets, cumulative, with Go's number formatting of le
        e.assertSample("consensus_etcdraft_data_persist_duration_bucket{channel=\"mychannel\",le=\"0.005\"}", "1");
        e.assertSample("consensus_etcdraft_data_persist_duration_bucket{channel=\"mychannel\",le=\"0.25\"}", "1");
        e.assertSample("consensus_etcdraft_data_persist_duration_bucket{channel=\"mychannel\",le=\"0.5\"}", "2");
        e.assertSample("consensus_etcdraft_data_persist_duration_bucket{channel=\"mychannel\",le=\"1\"}", "2");
        e.assertSample("consensus_etcdraft_data_persist_duration_bucket{channel=\"mychannel\",le=\"10\"}", "2");
        e.assertSample("consensus_etcdraft_data_persist_duration_bucket{channel=\"mychannel\",le=\"+Inf\"}", "2");
        e.assertSample("consensus_etcdraft_data_persist_duration_sum" + CH, "0.303");
        e.assertSample("consensus_etcdraft_data_persist_duration_count" + CH, "2");
        assertTrue(e.text.contains("# HELP consensus_etcdraft_is_leader The leadership status of the current node:"
                + " 1 if it is the leader else 0.\n"));
        assertFalse(e.text.contains("_total"), "Fabric counters carry no _total suffix:\n" + e.text);
    }

    @Test
    void broadcastDeliverLedgerAndParticipationMetrics() {
        OrdererMetrics metrics = new OrdererMetrics();
        metrics.broadcast().processed("mychannel", "ENDORSER_TRANSACTION", "SUCCESS");
        metrics.broadcast().validated("mychannel", "ENDORSER_TRANSACTION", "SUCCESS", 1_000_000);
        metrics.broadcast().enqueued("mychannel", "ENDORSER_TRANSACTION", "SUCCESS", 1_000_000);
        metrics.deliver().streamOpened();
        metrics.deliver().requestReceived("mychannel", false, "block");
        metrics.deliver().requestCompleted("mychannel", false, "block", true);
        metrics.deliver().blockSent("mychannel", false, "block");
        metrics.ledger().blockCut("mychannel", 2_000_000);
        metrics.ledger().height("mychannel", 7);
        metrics.participation().status("mychannel", ParticipationMetrics.Status.ACTIVE);
        metrics.participation().relation("mychannel", ParticipationMetrics.Relation.CONSENTER);

        Exposition e = new Exposition(metrics.scrape());
        String labels = "{channel=\"mychannel\",status=\"SUCCESS\",type=\"ENDORSER_TRANSACTION\"}";
        e.assertType("broadcast_processed_count", "counter");
        e.assertSample("broadcast_processed_count" + labels, "1");
        e.assertType("broadcast_validate_duration", "histogram");
        e.assertType("broadcast_enqueue_duration", "histogram");
        e.assertSample("broadcast_enqueue_duration_count" + labels, "1");
        e.assertType("deliver_streams_opened", "counter");
        e.assertSample("deliver_streams_opened", "1");
        e.assertSample("deliver_streams_closed", "0");
        e.assertSample("deliver_requests_received{channel=\"mychannel\",data_type=\"block\",filtered=\"false\"}", "1");
        e.assertSample("deliver_requests_completed{channel=\"mychannel\",data_type=\"block\",filtered=\"false\","
                + "success=\"true\"}", "1");
        e.assertSample("deliver_blocks_sent{channel=\"mychannel\",data_type=\"block\",filtered=\"false\"}", "1");
        e.assertType("blockcutter_block_fill_duration", "histogram");
        e.assertSample("blockcutter_block_fill_duration_count" + CH, "1");
        e.assertType("ledger_blockchain_height", "gauge");
        e.assertSample("ledger_blockchain_height" + CH, "7");
        e.assertSample("participation_status" + CH, "1");
        e.assertSample("participation_consensus_relation" + CH, "1");
        assertFalse(e.text.contains("_total"), e.text);
    }

    @Test
    void familiesWithoutSeriesAreOmittedLikeClientGolang() {
        Exposition e = new Exposition(new OrdererMetrics().scrape());
        assertFalse(e.types.containsKey("consensus_etcdraft_is_leader"), "no channel yet");
        assertFalse(e.types.containsKey("cluster_comm_msg_dropped_count"));
        e.assertType("deliver_streams_opened", "counter");
    }

    /** Why FabricTextFormat exists: the client's own writer renames every counter with a _total suffix. */
    @Test
    void prometheusJavaClientWriterWouldAppendTotal() throws Exception {
        OrdererMetrics metrics = new OrdererMetrics();
        metrics.etcdraft().forChannel("mychannel", 3, 0).leaderChanged();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, metrics.registry().scrape(), EscapingScheme.ALLOW_UTF8);
        String stock = out.toString(StandardCharsets.UTF_8);
        assertTrue(stock.contains("consensus_etcdraft_leader_changes_total{channel=\"mychannel\"} 1"), stock);
        assertTrue(metrics.scrape().contains("consensus_etcdraft_leader_changes{channel=\"mychannel\"} 1\n"));
    }

    @Test
    void formatsValuesLikeGo() {
        org.junit.jupiter.api.Assertions.assertEquals("3", FabricTextFormat.formatValue(3.0));
        org.junit.jupiter.api.Assertions.assertEquals("0.25", FabricTextFormat.formatValue(0.25));
        org.junit.jupiter.api.Assertions.assertEquals("+Inf", FabricTextFormat.formatValue(Double.POSITIVE_INFINITY));
        org.junit.jupiter.api.Assertions.assertEquals("NaN", FabricTextFormat.formatValue(Double.NaN));
    }
}
