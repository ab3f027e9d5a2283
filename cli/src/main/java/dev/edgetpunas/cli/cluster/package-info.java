/**
 * The cluster commands: {@code edgetpu-nas worker}, {@code edgetpu-nas cluster check}, the cluster
 * options {@code search} shares, and the bridge from a search to the {@code nas-cluster} module (the
 * only place the CLI touches Hazelcast, and only when a cluster is asked for).
 */
package dev.edgetpunas.cli.cluster;
