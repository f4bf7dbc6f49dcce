package io.raftlens.raft.orderer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;
import org.hyperledger.fabric.protos.orderer.etcdraft.Consenter;
import org.junit.jupiter.api.Test;

class ConsensusMetadataValidatorTest {

    private static final ConfigMetadata CURRENT = ChainFixture.etcdRaft(); // consenters 1..3

    private static Map<Long, Consenter> byId(ConfigMetadata md) {
        Map<Long, Consenter> m = new LinkedHashMap<>();
        for (int i = 0; i < md.getConsentersCount(); i++) {
            m.put(i + 1L, md.getConsenters(i));
        }
        return m;
    }

    private static Consenter consenter(int i) {
        return Consenter.newBuilder().setHost("orderer" + i + ".example.com").setPort(7050)
                .setClientTlsCert(ByteString.copyFromUtf8("client" + i)).setServerTlsCert(ByteString.copyFromUtf8("server" + i))
                .build();
    }

    private static ConfigMetadata with(Consenter... consenters) {
        return CURRENT.toBuilder().clearConsenters().addAllConsenters(List.of(consenters)).build();
    }

    private static MembershipChanges validate(ConfigMetadata updated, Set<Long> active) {
        return ConsensusMetadataValidator.validate(CURRENT, byId(CURRENT), 4, updated, active);
    }

    private static String refusal(ConfigMetadata updated, Set<Long> active) {
        return assertThrows(ConfigUpdateException.class, () -> validate(updated, active)).getMessage();
    }

    @Test
    void removingOneConsenterKeepsTheOthersIds() {
        MembershipChanges c = validate(with(consenter(1), consenter(3)), Set.of(1L, 2L, 3L));
        assertEquals(List.of(2L), c.removed());
        assertEquals(List.of(), c.added());
        assertEquals(List.of(1L, 3L), List.copyOf(c.consenters().keySet()));
        assertEquals(4, c.nextConsenterId());
    }

    @Test
    void anAddedConsenterGetsTheNextIdAndRemovedIdsAreNotReused() {
        MembershipChanges c = validate(with(consenter(1), consenter(2), consenter(3), consenter(9)), Set.of(1L, 2L, 3L));
        assertEquals(List.of(4L), c.added());
        assertEquals(5, c.nextConsenterId());
        // the same certificate coming back after a removal is a new consenter with a new id, as in Fabric
        MembershipChanges back = MembershipChanges.compute(Map.of(1L, consenter(1), 3L, consenter(3)), 4,
                List.of(consenter(1), consenter(3), consenter(2)));
        assertEquals(List.of(4L), back.added());
    }

    @Test
    void twoChangesInOneUpdateAreRefusedWithFabricsMessage() {
        assertEquals("consensus metadata update for channel config update is invalid: update of more than one "
                        + "consenter at a time is not supported, requested changes: add 0 node(s), remove 2 node(s)",
                refusal(with(consenter(1)), Set.of(1L, 2L, 3L)));
        assertEquals("consensus metadata update for channel config update is invalid: update of more than one "
                        + "consenter at a time is not supported, requested changes: add 2 node(s), remove 0 node(s)",
                refusal(with(consenter(1), consenter(2), consenter(3), consenter(4), consenter(5)), Set.of(1L, 2L, 3L)));
    }

    @Test
    void aRemovalThatLosesQuorumIsRefused() {
        // 3 → 2 consenters with node 3 down: removing node 2 leaves node 1 alone of the 2 needed
        assertEquals("consensus metadata update for channel config update is invalid: 2 out of 2 nodes are alive, "
                + "configuration will result in quorum loss", refusal(with(consenter(1), consenter(3)), Set.of(1L, 2L)));
        // removing the dead node itself is fine
        assertEquals(List.of(3L), validate(with(consenter(1), consenter(2)), Set.of(1L, 2L)).removed());
    }

    @Test
    void addingToALargeClusterWithoutQuorumIsRefusedButGrowingATinyOneIsNot() {
        ConfigMetadata four = with(consenter(1), consenter(2), consenter(3), consenter(4));
        assertEquals("consensus metadata update for channel config update is invalid: 2 out of 4 nodes are alive, "
                + "configuration will result in quorum loss", refusal(four, Set.of(1L, 2L)));
        MembershipChanges growTwo = MembershipChanges.compute(Map.of(1L, consenter(1)), 2, List.of(consenter(1), consenter(2)));
        assertEquals(false, growTwo.unacceptableQuorumLoss(Set.of(1L)));
    }

    @Test
    void emptyAndDuplicateConsenterSetsAreInvalid() {
        assertEquals("consensus metadata update for channel config update is invalid: invalid new config metadata: "
                + "empty consenter set", refusal(with(), Set.of(1L, 2L, 3L)));
        assertEquals("consensus metadata update for channel config update is invalid: invalid new config metadata: "
                        + "duplicate consenter: server cert: server2, client cert: client2",
                refusal(with(consenter(1), consenter(2), consenter(2)), Set.of(1L, 2L, 3L)));
    }

    @Test
    void optionsCannotChangeAndNoChangeIsNoUpdate() {
        ConfigMetadata ticks = CURRENT.toBuilder().setOptions(CURRENT.getOptions().toBuilder().setElectionTick(1)).build();
        assertEquals("consensus metadata update for channel config update is invalid: invalid new config metadata: "
                + "ElectionTick (1) must be greater than HeartbeatTick (1)", refusal(ticks, Set.of(1L, 2L, 3L)));
        ConfigMetadata slower = CURRENT.toBuilder().setOptions(CURRENT.getOptions().toBuilder().setTickInterval("1s")).build();
        assertEquals(true, refusal(slower, Set.of(1L, 2L, 3L)).contains("changing the etcdraft Options of a running channel"));
        assertEquals(true, refusal(CURRENT, Set.of(1L, 2L, 3L)).endsWith("the update does not change the consenter set"));
    }

    @Test
    void aRotationIsRefusedWithHowToDoItInTwoUpdates() {
        String msg = refusal(with(consenter(1), consenter(2), consenter(7)), Set.of(1L, 2L, 3L));
        assertEquals("consensus metadata update for channel config update is invalid: rotating the certificate of "
                + "consenter orderer3.example.com:7050 in one update is not supported by RaftLens; remove it in one "
                + "update and add the new consenter in the next", msg);
    }
}
