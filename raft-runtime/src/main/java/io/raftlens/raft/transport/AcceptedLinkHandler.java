package io.raftlens.raft.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
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
    private String subject = "(no certificate)";
    private boolean accepted;
    private final Set<String> refusedChannels = new HashSet<>();

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
        if (!accepted) {
            onHandshake(ctx, frame);
            return;
        }
        if (!frame.hasMessage() || frame.getFrom() != peer) {
            refuse(ctx, frame.getChannel(), "protocol violation: expected Raft messages from node " + peer, true);
            return;
        }
        String channel = frame.getChannel();
        if (!transport.membership().authorizes(channel, peer, certDer)) {
            transport.countRefused();
            if (refusedChannels.add(channel)) {
                log.warn("node={} refusing messages of channel {} from {} (node {}, certificate {}): not a consenter"
                        + " of the channel", self, channel, ctx.channel().remoteAddress(), peer, subject);
                transport.config().observer().peerRefused(String.valueOf(ctx.channel().remoteAddress()), subject,
                        channel, "not a consenter of the channel");
            }
            return;
        }
        transport.deliver(channel, peer, frame.getMessage(), ctx.channel());
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
        String remote = String.valueOf(ctx.channel().remoteAddress());
        log.warn("node={} refused connection from {} (certificate {}): {}", self, remote, subject, reason);
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
