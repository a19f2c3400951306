/** Load harness of alert dispatch: fan-out drain against a failing receiver, and SOS commit-to-police latency. */
package org.shouhu.benchmarks.dispatch;
