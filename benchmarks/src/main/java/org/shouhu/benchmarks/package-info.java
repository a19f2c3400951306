/**
 * JMH benchmarks of the geofence hot paths ({@link org.shouhu.benchmarks.ContainmentBenchmark},
 * {@link org.shouhu.benchmarks.EvaluationBenchmark}), their shared seeded workloads
 * ({@link org.shouhu.benchmarks.PrefectureWorkload}, {@link org.shouhu.benchmarks.EvaluationWorkload}), and the
 * harnesses that measure what JMH does not: throughput per second of CPU time on a shared machine
 * ({@link org.shouhu.benchmarks.CpuTimeThroughput}), retained heap and change times of the index
 * ({@link org.shouhu.benchmarks.IndexMemory}) and the PostGIS comparison
 * ({@link org.shouhu.benchmarks.PostgisComparison}). Run by hand, never by the test suite; commands and figures are
 * in docs/geofence.md.
 */
package org.shouhu.benchmarks;
