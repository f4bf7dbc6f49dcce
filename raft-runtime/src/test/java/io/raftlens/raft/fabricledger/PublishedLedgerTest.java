package io.raftlens.raft.fabricledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ledger verify} on block files real Fabric nodes wrote, published in public repositories
 * (src/test/resources/fabric-ledgers/SOURCES.md): numbering, hash chain, data hashes and the orderer signatures
 * against each config block's BlockValidation policy.
 */
class PublishedLedgerTest {

    private static Path production(String name) throws URISyntaxException {
        return Path.of(PublishedLedgerTest.class.getResource("/fabric-ledgers/" + name + "/chains").toURI()).getParent();
    }

    private static FabricLedgerVerifier.Result verify(String name, String channel, BlockValidationCheck check) throws Exception {
        FabricLedgerDirectory ledger = FabricLedgerDirectory.detect(production(name)).orElseThrow();
        assertEquals(List.of(channel), ledger.channels());
        return FabricLedgerVerifier.verify(channel, ledger.channelDir(channel), check);
    }

    @Test
    void ehrSystemHospitalChannelIsValidWithOrdererSignatures() throws Exception {
        BlockValidationCheck check = new BlockValidationCheck();
        FabricLedgerVerifier.Result r = verify("ehr-system", "hospital-channel", check);
        assertEquals(new FabricLedgerVerifier.Result("hospital-channel", 8, 8, true, -1, null, true), r);
        assertEquals("BlockValidation", check.status());
    }

    @Test
    void swjeongMychannelIsValidWithOrdererSignatures() throws Exception {
        BlockValidationCheck check = new BlockValidationCheck();
        FabricLedgerVerifier.Result r = verify("swjeong0502-repository", "mychannel", check);
        assertEquals(new FabricLedgerVerifier.Result("mychannel", 13, 13, true, -1, null, true), r);
        assertEquals("BlockValidation", check.status());
    }

    /** One byte changed inside block 3's record of the real file: verify stops at block 3, blocks 0–2 stand. */
    @Test
    void aByteChangedInARealBlockIsFoundAtThatBlock(@TempDir Path tmp) throws Exception {
        Path channelDir = Files.createDirectories(tmp.resolve("chains").resolve("hospital-channel"));
        Path source = production("ehr-system").resolve("chains/hospital-channel/blockfile_000000");
        byte[] bytes = Files.readAllBytes(source);
        List<Long> offsets = new ArrayList<>();
        FabricChainReader.read(source.getParent(), b -> offsets.add(b.offset()));
        int middle = (int) ((offsets.get(3) + offsets.get(4)) / 2);
        bytes[middle] ^= 0x5a;
        Files.write(channelDir.resolve("blockfile_000000"), bytes);
        FabricLedgerVerifier.Result r = FabricLedgerVerifier.verify("hospital-channel", channelDir, new BlockValidationCheck());
        assertFalse(r.valid());
        assertEquals(3, r.firstBadBlock(), r.reason());
        assertEquals(3, r.height(), "blocks 0-2 verified before the changed one");
        assertTrue(r.reason() != null && !r.reason().isBlank());
    }
}
