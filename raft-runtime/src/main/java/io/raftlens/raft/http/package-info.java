/**
 * HTTP plumbing shared by the control API and the operations endpoints (JDK {@code com.sun.net.httpserver}):
 * worker pools large enough that idle or slow clients cannot take every thread, the request read timeout,
 * request bodies bounded before they are read, and requests that waited so long that their client has
 * probably given up refused instead of executed. Depends on the JDK only.
 */
package io.raftlens.raft.http;
