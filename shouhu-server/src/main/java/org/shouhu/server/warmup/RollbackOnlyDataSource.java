package org.shouhu.server.warmup;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source whose connections roll back where they are asked to commit, so that code written to commit can be
 * run for real (the same statements on the same database) without leaving anything behind. Only for the warm-up:
 * sequences still advance. Thread-safe as the wrapped data source is.
 */
final class RollbackOnlyDataSource implements DataSource {

    private final DataSource delegate;

    RollbackOnlyDataSource(DataSource delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public Connection getConnection() throws SQLException {
        return rollingBack(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return rollingBack(delegate.getConnection(username, password));
    }

    private static Connection rollingBack(Connection connection) {
        InvocationHandler handler = (proxy, method, arguments) -> {
            if (method.getName().equals("commit") && method.getParameterCount() == 0) {
                connection.rollback();
                return null;
            }
            if (method.getName().equals("setAutoCommit") && Boolean.TRUE.equals(arguments[0])) {
                connection.rollback(); // turning auto-commit on would commit what is open
            }
            return invoke(method, connection, arguments);
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
    }

    private static Object invoke(Method method, Connection connection, Object[] arguments) throws Throwable {
        try {
            return method.invoke(connection, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
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
        throw new SQLException("a rollback-only data source does not unwrap");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }
}
