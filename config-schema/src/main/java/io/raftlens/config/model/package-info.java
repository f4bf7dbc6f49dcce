/**
 * Typed views of Fabric configuration files. Values are {@link io.raftlens.config.model.Sourced}: they
 * know where they are written, whether they were inherited through a merge key, or are Fabric's default.
 */
package io.raftlens.config.model;
