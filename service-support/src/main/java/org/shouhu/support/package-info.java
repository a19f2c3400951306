/** Plumbing shared by the service modules: configuration definitions and database access. */
package org.shouhu.support;
