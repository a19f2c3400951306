package org.shouhu.ingest;

import org.shouhu.embedded.TestServices;
import org.shouhu.support.db.DatabaseSettings;

/**
 * The ingest contract on the test services: the PostgreSQL and broker given by {@code SHOUHU_TEST_*} (CI points
 * them at the machine's PostgreSQL and Mosquitto), or the embedded ones.
 */
class LocalServicesIngestContractTest extends IngestContract {

    @Override
    DatabaseSettings database() {
        return TestServices.freshDatabase();
    }

    @Override
    String mqttUrl() {
        return TestServices.mqttUrl();
    }
}
