package org.shouhu.geofence;

import java.util.List;

class NaiveZoneLocatorTest extends AbstractZoneLocatorContractTest {

    @Override
    protected ZoneLocator locator(List<Zone> zones) {
        return ZoneLocators.naive(zones);
    }
}
