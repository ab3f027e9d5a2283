/**
 * Search trials on an embedded Hazelcast cluster: worker members ({@link dev.edgetpunas.nas.cluster.Worker}),
 * the driver's {@link dev.edgetpunas.nas.cluster.HazelcastEvaluationService} (a lite member that submits
 * one task per candidate, retries lost ones, keeps the first result), the self-contained task and its
 * work description ({@link dev.edgetpunas.nas.cluster.SearchWork}), and a connectivity check
 * ({@link dev.edgetpunas.nas.cluster.ClusterCheck}). Nothing here is on the local search path.
 */
package dev.edgetpunas.nas.cluster;
