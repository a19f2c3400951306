/**
 * Machinery behind the embedded services: unpacking the PostgreSQL binaries, running its command-line tools (as an
 * unprivileged user when the JVM runs as root), recognising stale lock files, writing the broker's configuration.
 * Not a public API.
 */
package org.shouhu.embedded.internal;
