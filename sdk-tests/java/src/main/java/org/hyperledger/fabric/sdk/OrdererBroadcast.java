package org.hyperledger.fabric.sdk;

import org.hyperledger.fabric.protos.common.Common.Envelope;
import org.hyperledger.fabric.protos.orderer.Ab.BroadcastResponse;

/**
 * The SDK's own Broadcast call. {@code Channel.sendTransaction} ends in {@code orderer.sendTransaction(envelope)}
 * (package-private) once peers have endorsed; a RaftLens network has no peers, so the test client builds the
 * envelope with the SDK's public builders and sends it through this same call: the SDK's orderer client, TLS
 * settings and response handling. Lives in the SDK's package for that access only.
 */
public final class OrdererBroadcast {

    private OrdererBroadcast() {
    }

    public static BroadcastResponse send(Orderer orderer, Envelope envelope) throws Exception {
        return orderer.sendTransaction(envelope);
    }
}
