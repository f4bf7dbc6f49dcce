package io.raftlens.raft.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.raftlens.raft.transport.pb.BlockRequest;
import io.raftlens.raft.transport.pb.BlockResponse;
import io.raftlens.raft.transport.pb.ClusterFrame;
import io.raftlens.raft.transport.pb.HelloAck;
import io.raftlens.raft.transport.pb.Refusal;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One inbound link: after mutual TLS, the dialer introduces itself with a Hello naming its node id; the link is
 * accepted only if its client certificate is that consenter's certificate on some channel of this node. Each Raft
 * frame is then checked against the consenters of its own channel before it reaches the {@link InboundHandler}.
 */
final class AcceptedLinkHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(AcceptedLinkHandler.class);

    private final Transport transport;
    private final long self;
    private long peer;
    private byte[] certDer;
    private String subject = "";
    private boolean accepted;
    private boolean refused; // frames still arriving on a refused link are ignored
    private final Set<String> refusedReasons = new HashSet<>();

    AcceptedLinkHandler(Transport transport, long self) {
        this.transport = transport;
        this.self = self;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent done) {
            if (!done.isSuccess()) {
                refuse(ctx, "", "TLS handshake failed: " + PeerLink.describe(done.cause()), false);
                return;
            }
            try {
                X509Certificate cert = (X509Certificate) ctx.pipeline().get(SslHandler.class).engine().getSession()
                        .getPeerCertificates()[0];
                certDer = cert.getEncoded();
                subject = cert.getSubjectX500Principal().getName();
            } catch (Exception e) {
                refuse(ctx, "", "no usable client certificate: " + PeerLink.describe(e), false);
                return;
            }
            ctx.executor().schedule(() -> {
                if (!accepted && ctx.channel().isActive()) {
                    refuse(ctx, "", "no cluster handshake within " + transport.config().handshakeTimeout(), true);
                }
            }, transport.config().handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ClusterFrame frame = (ClusterFrame) msg;
        if (refused) {
            return;
        }
        if (!accepted) {
            onHandshake(ctx, frame);
            return;
        }
        String channel = frame.getChannel();
        if (frame.hasBlockRequest() && frame.getFrom() == peer) {
            onBlockRequest(ctx, channel, frame.getBlockRequest());
            return;
        }
        if (frame.getBodyCase() == ClusterFrame.BodyCase.SUBMIT_REQUEST && frame.getFrom() == peer) {
            onSubmit(ctx, channel, frame);
            return;
        }
        if (!frame.hasMessage() || frame.getFrom() != peer) {
            refuse(ctx, channel, "protocol violation: expected Raft messages from node " + peer, true);
            return;
        }
        if (frame.getMessage().getFrom() != peer) {
            // Raft messages always carry their sender's id: another id would be one consenter speaking for another
            refuseFrame(ctx, channel, "a Raft message claims to come from node " + frame.getMessage().getFrom());
            return;
        }
        if (!transport.membership().authorizes(channel, peer, certDer)) {
            refuseFrame(ctx, channel, "not a consenter of the channel");
            return;
        }
        transport.deliver(channel, peer, frame.getMessage(), ctx.channel());
    }

    /** Only a consenter of the channel may pull its blocks; a refusal is answered so the puller tries elsewhere. */
    private void onBlockRequest(ChannelHandlerContext ctx, String channel, BlockRequest request) {
        if (!transport.membership().authorizes(channel, peer, certDer)) {
            refuseFrame(ctx, channel, "not a consenter of the channel");
            ctx.writeAndFlush(ClusterFrame.newBuilder().setChannel(channel).setFrom(self)
                    .setBlockResponse(BlockResponse.newBuilder().setRequestId(request.getRequestId())
                            .setNumber(request.getNumber()).setError("node " + peer + " (certificate " + subject
                                    + ") is not a consenter of channel " + channel + " on node " + self))
                    .build());
            return;
        }
        transport.serveBlock(channel, peer, request, ctx.channel());
    }

    /**
     * A transaction forwarded by a follower: only a consenter of the channel may submit (Fabric's comm checks the
     * sender's certificate against the channel's consenters). A refused or malformed one is dropped and counted;
     * the sender is not told, as Fabric's Submit stream has no answer.
     */
    private void onSubmit(ChannelHandlerContext ctx, String channel, ClusterFrame frame) {
        if (!transport.membership().authorizes(channel, peer, certDer)) {
            refuseFrame(ctx, channel, "not a consenter of the channel");
            return;
        }
        org.hyperledger.fabric.protos.orderer.SubmitRequest request;
        try {
            request = org.hyperledger.fabric.protos.orderer.SubmitRequest.parseFrom(frame.getSubmitRequest());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            refuseFrame(ctx, channel, "a forwarded transaction is not a SubmitRequest: " + e.getMessage());
            return;
        }
        if (!request.getChannel().isEmpty() && !request.getChannel().equals(channel)) {
            refuseFrame(ctx, channel, "a forwarded transaction names channel " + request.getChannel());
            return;
        }
        transport.deliverSubmit(channel, peer, request, ctx.channel());
    }

    /** Drops one frame and counts it; the link stays up for the channels the peer does serve. Logged once per link. */
    private void refuseFrame(ChannelHandlerContext ctx, String channel, String reason) {
        transport.countRefused();
        transport.config().observer().peerRefused(String.valueOf(ctx.channel().remoteAddress()), subject, channel,
                reason);
        if (refusedReasons.add(channel + reason)) {
            log.warn("node={} refusing messages of channel {} from {} (node {}, certificate {}): {}", self, channel,
                    ctx.channel().remoteAddress(), peer, subject, reason);
        }
    }

    private void onHandshake(ChannelHandlerContext ctx, ClusterFrame frame) {
        if (!frame.hasHello() || certDer == null) {
            refuse(ctx, "", "protocol violation: the first frame must be a Hello", true);
            return;
        }
        long claimed = frame.getHello().getNodeId();
        if (frame.getHello().getProtocolVersion() != PeerLink.PROTOCOL_VERSION) {
            refuse(ctx, "", "unsupported protocol version " + frame.getHello().getProtocolVersion()
                    + " (this node speaks " + PeerLink.PROTOCOL_VERSION + ")", true);
            return;
        }
        if (claimed == self) {
            refuse(ctx, "", "the dialer claims this node's own id " + self, true);
            return;
        }
        if (!transport.membership().knows(claimed, certDer)) {
            refuse(ctx, "", "certificate " + subject + " is not the TLS certificate of consenter " + claimed
                    + " on any channel of node " + self, true);
            return;
        }
        peer = claimed;
        accepted = true;
        transport.inboundAccepted(peer, ctx.channel());
        ctx.writeAndFlush(ClusterFrame.newBuilder().setFrom(self)
                .setHelloAck(HelloAck.newBuilder().setNodeId(self)).build());
    }

    private void refuse(ChannelHandlerContext ctx, String channel, String reason, boolean tellPeer) {
        if (refused) {
            return;
        }
        refused = true;
        String remote = String.valueOf(ctx.channel().remoteAddress());
        if (transport.firstRefusalInAWhile(subject + reason)) {
            log.warn("node={} refused connection from {}{}: {}", self, remote,
                    subject.isEmpty() ? "" : " (certificate " + subject + ")", reason);
        } else {
            log.debug("node={} refused connection from {}: {}", self, remote, reason);
        }
        transport.countRefused();
        transport.config().observer().peerRefused(remote, subject, channel, reason);
        if (tellPeer && ctx.channel().isActive()) {
            ctx.writeAndFlush(ClusterFrame.newBuilder().setFrom(self)
                    .setRefusal(Refusal.newBuilder().setReason(reason)).build()).addListener(f -> ctx.close());
        } else {
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (accepted) {
            transport.inboundClosed(peer, ctx.channel());
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // TLS failures are logged through the handshake completion event; others here
        log.debug("node={} inbound link from {} failed: {}", self, ctx.channel().remoteAddress(),
                PeerLink.describe(cause));
        ctx.close();
    }
}
