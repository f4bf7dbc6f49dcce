/**
 * The one way the validator, the language server and the launcher read a file named by a configuration
 * (certificates, keys, MSP folders, {@code File:} references, the configuration files themselves):
 * {@link io.raftlens.config.files.SafeFiles} reads regular files only, up to a size cap, and fails with a
 * one-line reason naming the file and never quoting it. Depends on the JDK only, so every module can use it.
 */
package io.raftlens.config.files;
