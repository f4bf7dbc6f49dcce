package io.raftlens.raft.core;

import com.google.protobuf.ByteString;
import io.raftlens.raft.core.pb.ConfState;
import io.raftlens.raft.core.pb.Entry;
import io.raftlens.raft.core.pb.HardState;
import io.raftlens.raft.core.pb.Message;
import io.raftlens.raft.core.pb.MessageType;
import java.util.ArrayList;
import java.util.List;

/** Small builders shared by the scenario tests. */
final class Fixtures {
    private Fixtures() {
    }

    static Entry entry(long index, long term) {
        return Entry.newBuilder().setIndex(index).setTerm(term).build();
    }

    static Entry entry(long index, long term, String data) {
        return Entry.newBuilder().setIndex(index).setTerm(term).setData(ByteString.copyFromUtf8(data)).build();
    }

    /** Entries 1..n with the given terms. */
    static List<Entry> log(long... terms) {
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < terms.length; i++) {
            out.add(entry(i + 1, terms[i]));
        }
        return out;
    }

    static ConfState voters(long... ids) {
        ConfState.Builder cs = ConfState.newBuilder();
        for (long id : ids) {
            cs.addVoters(id);
        }
        return cs.build();
    }

    /** A storage already holding the given log (terms of entries 1..n) and hard state term/vote. */
    static MemoryStorage storage(ConfState cs, long term, long vote, long... logTerms) {
        MemoryStorage ms = MemoryStorage.withMembers(cs);
        ms.append(log(logTerms));
        ms.setHardState(HardState.newBuilder().setTerm(term).setVote(vote).build());
        return ms;
    }

    static Message.Builder msg(long from, long to, MessageType type, long term) {
        return Message.newBuilder().setFrom(from).setTo(to).setType(type).setTerm(term);
    }

    static List<Message> ofType(List<Message> msgs, MessageType type) {
        List<Message> out = new ArrayList<>();
        for (Message m : msgs) {
            if (m.getType() == type) {
                out.add(m);
            }
        }
        return out;
    }

    static ByteString bytes(String s) {
        return ByteString.copyFromUtf8(s);
    }
}
