package org.shouhu.geofence;

import java.util.List;

class GridZoneLocatorTest extends AbstractZoneLocatorContractTest {

    @Override
    protected ZoneLocator locator(List<Zone> zones) {
        return ZoneLocators.grid(zones);
    }
}
