package io.raftlens.config.model;

import io.raftlens.config.value.ValueIssue;
import java.util.List;

/** A typed view built by the {@link io.raftlens.config.value.Binder}: exposes the value problems found. */
public interface BoundModel {
    List<ValueIssue> issues();
}
