package org.shouhu.server.demo;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.shouhu.server.auth.AccountStore;
import org.shouhu.server.auth.NewAccount;
import org.shouhu.server.directory.ChildEntry;
import org.shouhu.server.directory.DirectoryContent;
import org.shouhu.server.directory.PoliceJurisdictionEntry;

/**
 * The demo's accounts: an administrator, one dispatcher per jurisdiction, and the guardian of the first child. The
 * passwords are fixed and printed, because the demo keeps its database between runs and is never a production
 * system; a real installation creates its accounts through the account API.
 */
final class DemoAccounts {

    static final String PASSWORD = "shouhu-demo-only";

    /** One account to print. */
    record Credentials(String username, String role, String scope) {
    }

    private DemoAccounts() {
    }

    /** Creates the accounts that do not exist yet; returns all of them. Blocking. */
    static List<Credentials> create(AccountStore accounts, DirectoryContent directory) throws SQLException {
        List<Credentials> created = new ArrayList<>();
        accounts.createIfAbsent(NewAccount.administrator("admin", PASSWORD));
        created.add(new Credentials("admin", "administrator", "everything"));
        for (PoliceJurisdictionEntry jurisdiction : directory.jurisdictions()) {
            String username = "police." + jurisdiction.id();
            accounts.createIfAbsent(NewAccount.dispatcher(username, jurisdiction.name(), PASSWORD,
                    jurisdiction.id()));
            created.add(new Credentials(username, "dispatcher", jurisdiction.name()));
        }
        if (!directory.children().isEmpty()) {
            ChildEntry child = directory.children().get(0);
            String guardianId = child.guardianIds().get(0);
            accounts.createIfAbsent(NewAccount.guardian("guardian.demo", "Demo guardian", PASSWORD, guardianId));
            created.add(new Credentials("guardian.demo", "guardian", "child " + child.id() + " (" + child.name()
                    + ")"));
        }
        return created;
    }

    static void print(DemoConsole console, List<Credentials> accounts, int httpPort) {
        console.step("Accounts (password for all: " + PASSWORD + "); sign in with POST http://127.0.0.1:" + httpPort
                + "/api/auth/token");
        for (Credentials account : accounts) {
            console.detail(String.format("%-20s %-14s %s", account.username(), account.role(), account.scope()));
        }
        console.detail("API description: http://127.0.0.1:" + httpPort + "/api/openapi.yaml (docs/api.md)");
    }
}
