package dev.durable.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import java.util.function.BiConsumer;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import org.springframework.context.SmartLifecycle;

/**
 * PostgreSQL: tells this node's waiting {@code getEvent} readers at once of values published on
 * other nodes. Each publish sends a {@code NOTIFY} in its own transaction, so it is delivered when
 * the value commits, never before; one connection of the pool per node listens for them on a
 * thread of its own. Readers go on looking every {@code durable.events.poll-interval} whatever
 * happens here, so a notification lost while the connection was down only makes a reader wait
 * for its next look. On other databases this does nothing.
 */
public final class PostgresPublishedNotifications implements SmartLifecycle {

	/** The channel every node listens on. */
	static final String CHANNEL = "durable_published";

	private static final String NOTIFY = "select pg_notify('" + CHANNEL + "', ?)";

	private static final Log logger = LogFactory.getLog(PostgresPublishedNotifications.class);

	private static final int WAIT_MILLIS = 500;

	private static final long RECONNECT_MILLIS = 1000;

	private final DataSource dataSource;

	private final boolean postgresql;

	private final BiConsumer<String, String> readers;

	private volatile boolean running;

	private @Nullable Thread listener;

	/**
	 * Create the listener.
	 * @param dataSource the journal's data source, which lends one connection for listening
	 * @param dialect the journal's database; anything but PostgreSQL makes this do nothing
	 * @param readers told of each value published (workflow id, key), as if it had been published on
	 * this node
	 */
	public PostgresPublishedNotifications(DataSource dataSource, StoreDialect dialect,
			BiConsumer<String, String> readers) {
		this.dataSource = dataSource;
		this.postgresql = dialect.postgresql();
		this.readers = readers;
	}

	/**
	 * Send the notification of a published value, in the connection's current transaction.
	 */
	static void notify(Connection connection, String workflowId, String key) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(NOTIFY)) {
			statement.setString(1, payload(workflowId, key));
			statement.executeQuery().close();
		}
	}

	/**
	 * The key's length, a colon, the key and the id: ids and keys may hold any character but NUL.
	 */
	static String payload(String workflowId, String key) {
		return key.length() + ":" + key + workflowId;
	}

	@Override
	public void start() {
		if (!this.postgresql || this.running) {
			return;
		}
		this.running = true;
		Thread thread = new Thread(this::listen, "durable-published-listener");
		thread.setDaemon(true);
		this.listener = thread;
		thread.start();
	}

	@Override
	public void stop() {
		this.running = false;
		Thread thread = this.listener;
		if (thread != null) {
			try {
				thread.join(WAIT_MILLIS * 4L);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void listen() {
		boolean failedBefore = false;
		while (this.running) {
			try (Connection connection = this.dataSource.getConnection()) {
				connection.setAutoCommit(true);
				try (Statement statement = connection.createStatement()) {
					statement.execute("listen " + CHANNEL);
				}
				if (failedBefore) {
					logger.info("Listening for published values again");
					failedBefore = false;
				}
				PGConnection notifications = connection.unwrap(PGConnection.class);
				while (this.running) {
					PGNotification[] received = notifications.getNotifications(WAIT_MILLIS);
					if (received != null) {
						for (PGNotification notification : received) {
							dispatch(notification.getParameter());
						}
					}
				}
				try (Statement statement = connection.createStatement()) {
					statement.execute("unlisten " + CHANNEL);
				}
			}
			catch (SQLException | RuntimeException ex) {
				if (!failedBefore) {
					logger.warn("Could not listen for values published on other nodes (" + ex
							+ "); their readers look every durable.events.poll-interval meanwhile; retrying");
					failedBefore = true;
				}
				pause();
			}
		}
	}

	private void dispatch(String payload) {
		int colon = payload.indexOf(':');
		try {
			int length = Integer.parseInt(payload.substring(0, colon));
			String key = payload.substring(colon + 1, colon + 1 + length);
			this.readers.accept(payload.substring(colon + 1 + length), key);
		}
		catch (RuntimeException ex) {
			logger.debug("Ignored a notification on " + CHANNEL + " that Durable did not send", ex);
		}
	}

	private void pause() {
		try {
			Thread.sleep(RECONNECT_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

}
