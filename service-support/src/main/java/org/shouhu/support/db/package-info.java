/**
 * Database access shared by the service modules: connection settings, pooled data sources, detection of
 * TimescaleDB, and versioned schema migrations.
 */
package org.shouhu.support.db;
