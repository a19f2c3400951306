/** The end-to-end ingest load harness: broker alone, then broker plus ingest into PostgreSQL, as a ratio. */
package org.shouhu.benchmarks.ingest;
