/**
 * The guardian API: the children an account may see, where each is now and where it went today, as GeoJSON. Every
 * read of a location, allowed or refused, is written to the access log before anything is sent.
 */
package org.shouhu.server.guardian;
