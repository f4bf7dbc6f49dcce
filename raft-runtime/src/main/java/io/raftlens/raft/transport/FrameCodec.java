package io.raftlens.raft.transport;

import com.google.protobuf.CodedOutputStream;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.MessageToByteEncoder;
import io.raftlens.raft.transport.pb.ClusterFrame;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Wire format: a 4-byte big-endian length, then a serialized {@link ClusterFrame}. */
final class FrameCodec {
    private FrameCodec() {}

    static final class Encoder extends MessageToByteEncoder<ClusterFrame> {
        Encoder() {
            super(ClusterFrame.class);
        }

        @Override
        protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, ClusterFrame frame, boolean preferDirect) {
            return ctx.alloc().ioBuffer(4 + frame.getSerializedSize());
        }

        @Override
        protected void encode(ChannelHandlerContext ctx, ClusterFrame frame, ByteBuf out) throws IOException {
            int size = frame.getSerializedSize();
            out.writeInt(size);
            ByteBuffer target = out.nioBuffer(out.writerIndex(), size);
            CodedOutputStream coded = CodedOutputStream.newInstance(target);
            frame.writeTo(coded);
            coded.flush();
            out.writerIndex(out.writerIndex() + size);
        }
    }

    static final class Decoder extends LengthFieldBasedFrameDecoder {
        Decoder(int maxFrameBytes) {
            super(maxFrameBytes, 0, 4, 0, 4);
        }

        @Override
        protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
            ByteBuf frame = (ByteBuf) super.decode(ctx, in);
            if (frame == null) {
                return null;
            }
            try {
                return ClusterFrame.parseFrom(frame.nioBuffer());
            } finally {
                frame.release();
            }
        }
    }
}
