/**
 * Basic Fabric vocabulary every other config-schema package may use: the Fabric release line
 * ({@link io.raftlens.config.fabric.FabricVersion}), the two file kinds and how to tell them apart
 * ({@link io.raftlens.config.fabric.FileKind}, {@link io.raftlens.config.fabric.FileKinds},
 * {@link io.raftlens.config.fabric.Modeline}), and a parsed file with its settings
 * ({@link io.raftlens.config.fabric.SourceFile}, {@link io.raftlens.config.fabric.ValidationSettings}), and which
 * release a file is written for when {@code --fabric-version auto} asks ({@link io.raftlens.config.fabric.VersionInference},
 * {@link io.raftlens.config.fabric.VersionBasis}).
 *
 * <p>May depend on: {@code yaml} only. Everything above ({@code value}, {@code model}, {@code schema},
 * {@code validate}) may depend on it.
 */
package io.raftlens.config.fabric;
