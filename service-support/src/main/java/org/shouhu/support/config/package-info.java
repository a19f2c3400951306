/**
 * Typed, validated, documented configuration. Each module defines its keys once in a {@link
 * org.shouhu.support.config.ConfigDef}; values come from a properties file and may be overridden by environment
 * variables; a bad value stops start-up with a message naming the key; the reference in {@code docs/} is generated
 * from the same definitions.
 */
package org.shouhu.support.config;
