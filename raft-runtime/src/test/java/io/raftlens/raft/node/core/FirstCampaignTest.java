package io.raftlens.raft.node.core;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FirstCampaignTest {

    @Test
    void decodesGoVarintsLittleEndianBase128() {
        assertEquals(1, FirstCampaign.varint(new byte[] {1}, 0));
        assertEquals(300, FirstCampaign.varint(new byte[] {(byte) 0xac, 0x02}, 0));
        assertEquals(0x7f, FirstCampaign.varint(new byte[] {0, 0x7f}, 1));
    }

    @Test
    void aTruncatedVarintDecodesAsZeroLikeProtoDecodeVarint() {
        byte[] allContinuation = new byte[8];
        java.util.Arrays.fill(allContinuation, (byte) 0x80);
        assertEquals(0, FirstCampaign.varint(allContinuation, 0));
    }

    @Test
    void picksOneCampaignerInRangeTheSameForEveryNode() {
        // sha256("mychannel")[24:] decodes as the varint 52: node 52 % 5 + 1 = 3 of five, 52 % 3 + 1 = 2 of three.
        assertEquals(3, FirstCampaign.campaigner("mychannel", 5));
        assertEquals(2, FirstCampaign.campaigner("mychannel", 3));
        for (int n = 1; n <= 7; n++) {
            long c = FirstCampaign.campaigner("channel" + n, n);
            assertEquals(c, FirstCampaign.campaigner("channel" + n, n));
            assertEquals(true, c >= 1 && c <= n, "campaigner " + c + " of " + n);
        }
    }
}
