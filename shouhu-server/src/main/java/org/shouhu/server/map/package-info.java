/** The dispatcher live map: the bundled page, its live feed of positions and alerts, and track playback. */
package org.shouhu.server.map;
