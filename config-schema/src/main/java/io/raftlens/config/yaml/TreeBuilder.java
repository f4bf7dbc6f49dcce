package io.raftlens.config.yaml;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;

/** Builds {@link YamlNode} trees from snakeyaml events, applying anchors, aliases and merge keys. */
final class TreeBuilder {

    /** Thrown when a document exceeds {@link YamlLimits}; carries where. */
    static final class LimitExceeded extends RuntimeException {
        final transient Range range;

        LimitExceeded(String message, Range range) {
            super(message, null, false, false);
            this.range = range;
        }
    }

    private abstract static class Frame {
        final Position start;
        final Optional<AnchorDef> anchor;
        final boolean flow;
        Position lastEnd;
        /** Where findings about this collection start: its key in the parent mapping, else itself. */
        Position regionStart;
        /** Holds an alias that could not be resolved. */
        boolean incomplete;

        Frame(Position start, Optional<AnchorDef> anchor, boolean flow) {
            this.start = start;
            this.anchor = anchor;
            this.flow = flow;
            this.lastEnd = start;
        }
    }

    private static final class SequenceFrame extends Frame {
        final List<YamlNode> items = new ArrayList<>();

        SequenceFrame(Position start, Optional<AnchorDef> anchor, boolean flow) {
            super(start, anchor, flow);
        }
    }

    private static final class MappingFrame extends Frame {
        final List<YamlNode[]> pairs = new ArrayList<>();
        YamlNode pendingKey;

        MappingFrame(Position start, Optional<AnchorDef> anchor, boolean flow) {
            super(start, anchor, flow);
        }
    }

    private static final String MERGE = "<<";

    private final TextIndex index;
    private final YamlLimits limits;
    private final List<YamlProblem> problems;
    private final List<YamlDocument> documents = new ArrayList<>();
    private final Deque<Frame> stack = new ArrayDeque<>();
    private final Map<YamlNode, Long> sizes = new IdentityHashMap<>();
    private final Map<String, YamlNode> anchors = new HashMap<>();
    private final Map<String, AnchorDef> anchorDefs = new LinkedHashMap<>();
    private final Set<String> openAnchors = new HashSet<>();
    /** The stand-ins for aliases that could not be resolved (by identity). */
    private final Set<YamlNode> unresolved = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private Position docStart;
    private YamlNode docRoot;
    private int aliasCount;
    private Position last = Position.START;

    TreeBuilder(TextIndex index, YamlLimits limits, List<YamlProblem> problems) {
        this.index = index;
        this.limits = limits;
        this.problems = problems;
    }

    List<YamlDocument> documents() {
        return documents;
    }

    Position lastPosition() {
        return last;
    }

    void accept(Event event) {
        event.getStartMark().ifPresent(m -> last = pos(m));
        switch (event.getEventId()) {
            case DocumentStart -> startDocument(event);
            case DocumentEnd -> endDocument(event, true);
            case Scalar -> add(scalar((ScalarEvent) event));
            case Alias -> add(alias((AliasEvent) event));
            case SequenceStart -> push(new SequenceFrame(start(event), anchorOf((NodeEvent) event),
                    ((CollectionStartEvent) event).isFlow()));
            case MappingStart -> push(new MappingFrame(start(event), anchorOf((NodeEvent) event),
                    ((CollectionStartEvent) event).isFlow()));
            case SequenceEnd, MappingEnd -> add(close(stack.pop(), end(event)));
            default -> { } // stream start/end, comments
        }
    }

    /** Ends the current document after an error, keeping what was read. */
    void abort() {
        Position at = last;
        while (!stack.isEmpty()) {
            Frame f = stack.pop();
            try {
                YamlNode node = close(f, at);
                if (stack.isEmpty()) {
                    docRoot = node;
                } else {
                    attach(stack.peek(), node);
                }
            } catch (LimitExceeded e) {
                docRoot = null;
                stack.clear();
            }
        }
        if (docStart != null) {
            endDocument(null, false);
        }
    }

    private void startDocument(Event event) {
        docStart = start(event);
        docRoot = null;
        anchors.clear();
        anchorDefs.clear();
        openAnchors.clear();
        aliasCount = 0;
    }

    private void endDocument(Event event, boolean complete) {
        Position end = event == null ? last
                : event.getEndMark().map(this::pos).orElse(last);
        if (docRoot != null && docRoot.range().end().compareTo(end) > 0) {
            end = docRoot.range().end();
        }
        Position start = docStart == null ? Position.START : docStart;
        documents.add(new YamlDocument(Optional.ofNullable(docRoot), new Range(start, max(start, end)),
                anchorDefs, complete));
        docStart = null;
        docRoot = null;
        sizes.clear();
    }

    private void push(Frame frame) {
        if (stack.size() >= limits.maxDepth()) {
            throw new LimitExceeded("YAML nested more than " + limits.maxDepth()
                    + " levels deep; Fabric configuration files are a handful of levels deep", index.tokenAt(frame.start));
        }
        frame.anchor.ifPresent(a -> openAnchors.add(a.name()));
        frame.regionStart = stack.peek() instanceof MappingFrame m && m.pendingKey != null
                ? m.pendingKey.range().start() : frame.start;
        stack.push(frame);
    }

    /** How many nodes {@code node} stands for once aliases are expanded (a scalar is always one). */
    private long size(YamlNode node) {
        return node instanceof YamlScalar ? 1L : sizes.getOrDefault(node, 1L);
    }

    private void add(YamlNode node) {
        long size = size(node);
        if (size > limits.maxExpandedNodes()) {
            throw new LimitExceeded("document expands to more than " + limits.maxExpandedNodes()
                    + " nodes through aliases (an alias bomb?); refusing to read it", node.range());
        }
        node.anchor().ifPresent(a -> {
            anchors.put(a.name(), node);
            anchorDefs.put(a.name(), a);
            openAnchors.remove(a.name());
        });
        if (stack.isEmpty()) {
            docRoot = node;
        } else {
            attach(stack.peek(), node);
        }
    }

    private void attach(Frame parent, YamlNode node) {
        parent.lastEnd = max(parent.lastEnd, node.range().end());
        if (parent instanceof SequenceFrame s) {
            s.items.add(node);
        } else {
            MappingFrame m = (MappingFrame) parent;
            if (m.pendingKey == null) {
                m.pendingKey = node;
            } else {
                m.pairs.add(new YamlNode[] {m.pendingKey, node});
                m.pendingKey = null;
            }
        }
    }

    private YamlScalar scalar(ScalarEvent e) {
        Range range = new Range(start(e), end(e));
        String tag = e.getTag().orElse(null);
        return new YamlScalar(e.getValue(), style(e.getScalarStyle()), tag, range, anchorOf(e), Optional.empty());
    }

    private YamlNode alias(AliasEvent e) {
        String name = e.getAlias().getValue();
        Range range = new Range(start(e), end(e));
        if (++aliasCount > limits.maxAliases()) {
            throw new LimitExceeded("more than " + limits.maxAliases() + " aliases in one document; refusing to read it", range);
        }
        YamlNode target = anchors.get(name);
        if (target == null) {
            String why = openAnchors.contains(name) ? "anchor '" + name + "' value contains itself"
                    : "unknown anchor '" + name + "' referenced";
            problems.add(new YamlProblem(YamlProblem.Kind.UNDEFINED_ALIAS, why, range, null));
            if (!stack.isEmpty()) {
                stack.peek().incomplete = true;
            }
            YamlScalar standIn = new YamlScalar("", YamlScalar.Style.PLAIN, null, range, Optional.empty(), Optional.empty());
            unresolved.add(standIn);
            return standIn;
        }
        YamlNode view = target.viaAlias(new AliasUse(name, range));
        sizes.put(view, size(target));
        return view;
    }

    private YamlNode close(Frame frame, Position endMark) {
        frame.anchor.ifPresent(a -> openAnchors.remove(a.name()));
        // A block collection's end event sits at the next token, possibly lines later: end at the last child.
        Position end = frame.flow ? max(frame.lastEnd, endMark) : frame.lastEnd;
        Range range = new Range(frame.start, max(frame.start, end));
        if (frame.incomplete) {
            problems.add(new YamlProblem(YamlProblem.Kind.INCOMPLETE, "holds an alias that could not be resolved",
                    new Range(frame.regionStart, range.end()), null));
        }
        if (frame instanceof SequenceFrame s) {
            long size = 1;
            for (YamlNode item : s.items) {
                size = saturatingAdd(size, size(item));
            }
            YamlSequence seq = new YamlSequence(s.items, frame.flow, range, frame.anchor, Optional.empty());
            sizes.put(seq, size);
            return seq;
        }
        MappingFrame m = (MappingFrame) frame;
        if (m.pendingKey != null) { // cut short by an error: keep the key with an empty value
            m.pairs.add(new YamlNode[] {m.pendingKey, new YamlScalar("", YamlScalar.Style.PLAIN, null,
                    new Range(m.pendingKey.range().end(), m.pendingKey.range().end()), Optional.empty(), Optional.empty())});
            m.pendingKey = null;
        }
        return mapping(m, range);
    }

    private YamlMapping mapping(MappingFrame m, Range range) {
        reportDuplicates(m.pairs);
        List<YamlEntry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<YamlNode> mergeValues = new ArrayList<>();
        long size = 1;
        for (YamlNode[] pair : m.pairs) {
            size = saturatingAdd(size, saturatingAdd(size(pair[0]), size(pair[1])));
            if (isMergeKey(pair[0])) {
                mergeValues.add(pair[1]);
                continue;
            }
            entries.add(new YamlEntry(pair[0], pair[1], Optional.empty()));
            if (pair[0] instanceof YamlScalar k) {
                seen.add(k.value());
            }
        }
        List<YamlMapping.MergeSource> merges = new ArrayList<>();
        for (YamlNode value : mergeValues) {
            for (YamlMapping source : mergeSources(value)) {
                String anchorName = source.via().map(AliasUse::name).orElse(null);
                Range anchorRange = source.anchor().map(AnchorDef::range).orElse(source.range());
                Range mergeRange = source.via().map(AliasUse::range).orElse(source.range());
                merges.add(new YamlMapping.MergeSource(anchorName, mergeRange));
                Inheritance how = new Inheritance(anchorName, anchorRange, mergeRange, Optional.empty());
                for (YamlEntry e : source.entries()) {
                    String key = e.keyText();
                    if (key == null || seen.add(key)) {
                        entries.add(e.inheritedVia(how));
                    }
                }
            }
        }
        YamlMapping mapping = new YamlMapping(entries, merges, m.flow, range, m.anchor, Optional.empty());
        sizes.put(mapping, size);
        return mapping;
    }

    /** The mappings a {@code <<} value merges, in precedence order (earlier wins, as go-yaml does). */
    private List<YamlMapping> mergeSources(YamlNode value) {
        if (value instanceof YamlMapping m) {
            return List.of(m);
        }
        if (value instanceof YamlSequence s
                && s.items().stream().allMatch(i -> i instanceof YamlMapping || unresolved.contains(i))) {
            return s.items().stream().filter(YamlMapping.class::isInstance).map(YamlMapping.class::cast).toList();
        }
        if (unresolved.contains(value)) {
            return List.of(); // already reported as an unknown anchor; Fabric stops there
        }
        if (!(value instanceof YamlScalar sc && sc.isNull() && sc.via().isEmpty() && sc.range().start().equals(sc.range().end()))) {
            problems.add(new YamlProblem(YamlProblem.Kind.BAD_MERGE,
                    "map merge requires map or sequence of maps as the value", value.range(), null));
        }
        return List.of();
    }

    private static boolean isMergeKey(YamlNode key) {
        return key instanceof YamlScalar s && s.style() == YamlScalar.Style.PLAIN && MERGE.equals(s.value());
    }

    private void reportDuplicates(List<YamlNode[]> pairs) {
        Map<String, YamlScalar> first = new HashMap<>();
        for (YamlNode[] pair : pairs) {
            if (pair[0] instanceof YamlScalar k && k.via().isEmpty()) {
                YamlScalar earlier = first.putIfAbsent(k.value(), k);
                if (earlier != null) {
                    problems.add(new YamlProblem(YamlProblem.Kind.DUPLICATE_KEY,
                            "mapping key \"" + k.value() + "\" already defined at line " + (earlier.range().start().line() + 1),
                            k.range(), earlier.range()));
                }
            }
        }
    }

    private Optional<AnchorDef> anchorOf(NodeEvent e) {
        return e.getAnchor().map(a -> {
            Position s = start(e);
            Position end = index.atOffset(s.offset() + 1 + a.getValue().length());
            return new AnchorDef(a.getValue(), new Range(s, end));
        });
    }

    private Position start(Event e) {
        return e.getStartMark().map(this::pos).orElse(last);
    }

    private Position end(Event e) {
        return max(start(e), e.getEndMark().map(this::pos).orElse(last));
    }

    private Position pos(Mark m) {
        return index.atLineColumn(m.getLine(), m.getColumn());
    }

    private static Position max(Position a, Position b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }

    private static YamlScalar.Style style(ScalarStyle s) {
        return switch (s) {
            case SINGLE_QUOTED -> YamlScalar.Style.SINGLE_QUOTED;
            case DOUBLE_QUOTED, JSON_SCALAR_STYLE -> YamlScalar.Style.DOUBLE_QUOTED;
            case LITERAL -> YamlScalar.Style.LITERAL;
            case FOLDED -> YamlScalar.Style.FOLDED;
            default -> YamlScalar.Style.PLAIN;
        };
    }
}
