package org.shouhu.ingest;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A real data source that can be switched to refuse connections, as a database that went down would, or to lose the
 * outcome of one commit of ordinary positions: the commit happens, then the connection reports a failure, as when
 * the link drops just after the server committed.
 */
final class SwitchableDataSource implements DataSource {

    private final DataSource delegate;
    private volatile boolean down;
    private final AtomicBoolean loseNextPositionCommitOutcome = new AtomicBoolean();

    SwitchableDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    void goDown() {
        down = true;
    }

    /** The next commit of a transaction that inserted into {@code positions} succeeds but reports a lost link. */
    void loseNextPositionCommitOutcome() {
        loseNextPositionCommitOutcome.set(true);
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (down) {
            throw new SQLTransientConnectionException("database is down (test)", "08001");
        }
        Connection real = delegate.getConnection();
        boolean[] insertedPositions = {false};
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement") && args != null
                            && (String.valueOf(args[0]).contains("INSERT INTO positions")
                                    || String.valueOf(args[0]).contains("INSERT INTO device_latest"))) {
                        insertedPositions[0] = true;
                    }
                    if (method.getName().equals("commit") && insertedPositions[0]
                            && loseNextPositionCommitOutcome.compareAndSet(true, false)) {
                        real.commit();
                        throw new SQLException("connection lost after COMMIT was sent (test)", "08006");
                    }
                    if (method.getName().equals("commit") || method.getName().equals("rollback")) {
                        insertedPositions[0] = false;
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return delegate.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return delegate.isWrapperFor(type);
    }
}
