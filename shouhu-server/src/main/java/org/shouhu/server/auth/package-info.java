/**
 * Accounts, sign-in, bearer tokens, who may see which child, and the access log of location reads. Accounts have
 * one role each ({@link org.shouhu.server.auth.Principal}); passwords are hashed with bcrypt; tokens are random,
 * expire, and are stored only as hashes.
 */
package org.shouhu.server.auth;
