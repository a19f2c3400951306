/**
 * JMH benchmarks of the geofence hot paths, their shared seeded workload, and the harnesses that measure what JMH
 * does not: index memory and the PostGIS comparison. Run {@code java -jar benchmarks/target/benchmarks.jar}.
 */
package org.shouhu.benchmarks;
