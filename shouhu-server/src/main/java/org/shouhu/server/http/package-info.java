/** The server's HTTP surface: health, Prometheus metrics, and the alert and device API. */
package org.shouhu.server.http;
