/**
 * A test client on Fabric's Java SDK (fabric-sdk-java), run in its own JVM by raft-runtime's
 * {@code FabricSdkJavaClientTest} against a launched network. Depends on fabric-sdk-java only (with the protobuf and
 * gRPC versions it was released with); nothing in RaftLens depends on it.
 */
package io.raftlens.sdkjava;
