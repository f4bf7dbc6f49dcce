/**
 * Fabric's value semantics (mapstructure weak typing, Go durations, byte sizes, File: indirection,
 * placeholders, name and policy syntaxes). {@link io.raftlens.config.value.Binder} reads YAML into Go-shaped
 * {@link io.raftlens.config.value.Bound} values against {@link io.raftlens.config.value.FieldType} schemas.
 */
package io.raftlens.config.value;
