/** Start-up warm-up of the SOS path, so that the first press after a start is as fast as the next ones. */
package org.shouhu.server.warmup;
