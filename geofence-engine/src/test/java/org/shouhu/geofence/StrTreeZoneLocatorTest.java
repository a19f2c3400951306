package org.shouhu.geofence;

import java.util.List;

class StrTreeZoneLocatorTest extends AbstractZoneLocatorContractTest {

    @Override
    protected ZoneLocator locator(List<Zone> zones) {
        return ZoneLocators.strTree(zones);
    }
}
