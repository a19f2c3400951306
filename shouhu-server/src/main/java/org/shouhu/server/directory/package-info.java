/**
 * Who the platform serves: police jurisdictions with their CAP endpoints, guardians with their channels, children
 * with their wristbands. Stored in PostgreSQL, held in memory as an immutable snapshot swapped on change.
 */
package org.shouhu.server.directory;
