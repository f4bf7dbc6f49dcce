package io.raftlens.config.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyDslTest {

    @Test
    void implicitMeta() {
        assertEquals(Optional.empty(), PolicyDsl.implicitMetaError("MAJORITY Admins"));
        assertEquals(Optional.of("expected two space separated tokens, but got 1"), PolicyDsl.implicitMetaError("ANY"));
        assertEquals(Optional.of("expected two space separated tokens, but got 3"), PolicyDsl.implicitMetaError("ANY  Readers"));
        assertEquals(Optional.of("unknown rule type 'Any', expected ALL, ANY, or MAJORITY"), PolicyDsl.implicitMetaError("Any Readers"));
        assertEquals(Optional.of("Endorsement"), PolicyDsl.implicitMetaSubPolicy("MAJORITY Endorsement"));
    }

    @Test
    void signatureRules() {
        PolicyDsl.Signature s = PolicyDsl.signature("OR('Org1MSP.admin', AND(\"Org2MSP.peer\", 'Org3.example-MSP.client'))");
        assertTrue(s.ok(), s.error());
        assertEquals(List.of(new PolicyDsl.Principal("Org1MSP", "admin"), new PolicyDsl.Principal("Org2MSP", "peer"),
                new PolicyDsl.Principal("Org3.example-MSP", "client")), s.principals());
        assertTrue(PolicyDsl.signature("OutOf(2, 'A.member', 'B.member', 'C.member')").ok());
        assertTrue(PolicyDsl.signature("and('A.orderer')").ok());
        assertTrue(PolicyDsl.signature(" OR( 'A.member' ) ").ok());
    }

    @Test
    void signatureErrors() {
        assertEquals("principal 'Org1MSP.admins' has an unknown role 'admins': use admin, member, client, peer or orderer",
                PolicyDsl.signature("OR('Org1MSP.admins')").error());
        assertEquals("unrecognized gate 'XOR': use AND, OR or OutOf", PolicyDsl.signature("XOR('A.member')").error());
        assertEquals("OutOf(3, …) needs between 1 and 2 signatures", PolicyDsl.signature("OutOf(3, 'A.member', 'B.member')").error());
        assertEquals("expected ')' at the end of the rule", PolicyDsl.signature("OR('A.member'   ").error());
        assertEquals("expected ',' at position 9", PolicyDsl.signature("OutOf(1 'A.member')").error());
        assertEquals("principal 'Org1MSP' must be '<MSPID>.<role>'", PolicyDsl.signature("OR('Org1MSP')").error());
        assertTrue(PolicyDsl.signature("OR('A.member')) x").error().startsWith("unexpected text"));
    }
}
