package dev.durable.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * PostgreSQL without autovacuum: analyzes the journal's two big tables once this node has created
 * a number of workflows. PostgreSQL keeps the plan of a prepared statement until the statistics of
 * a table it reads change. Autovacuum analyzes a growing table every 10% or so, and every analyze
 * makes the statements plan again; with autovacuum off, the group commit's statement keeps the plan
 * made while {@code durable_workflow} was nearly empty, which reads the whole table (a sequential
 * scan under a hash join) for every batch instead of looking each workflow up by its key. At 5,000
 * rows the key lookup is the cheaper plan by PostgreSQL's own costs, and it stays so as the table
 * grows, so one analyze past that size is enough. Where autovacuum is on this does nothing.
 */
final class JournalAnalyzer {

	/** Workflows this node creates before it checks; past this size a key lookup wins the plan. */
	static final long DEFAULT_THRESHOLD = 5_000;

	private static final Log logger = LogFactory.getLog(JournalAnalyzer.class);

	private final DataSource dataSource;

	private final long threshold;

	private final AtomicLong created = new AtomicLong();

	private final AtomicBoolean started = new AtomicBoolean();

	private final AtomicInteger checks = new AtomicInteger();

	JournalAnalyzer(DataSource dataSource, long threshold) {
		this.dataSource = dataSource;
		this.threshold = threshold;
	}

	/**
	 * Note workflows this node created; the first time the count passes the threshold, check on a
	 * thread of its own, so that no write waits for the analyze.
	 */
	void created(int count) {
		if (count == 0 || this.started.get() || this.created.addAndGet(count) < this.threshold
				|| !this.started.compareAndSet(false, true)) {
			return;
		}
		Thread thread = new Thread(this::analyzeUnlessAutovacuum, "durable-journal-analyze");
		thread.setDaemon(true);
		thread.start();
	}

	/** Whether the count has passed the threshold and the check begun; for tests. */
	boolean started() {
		return this.started.get();
	}

	/** How many checks have ended, whatever they found; for tests. */
	int checks() {
		return this.checks.get();
	}

	private void analyzeUnlessAutovacuum() {
		try (Connection connection = this.dataSource.getConnection(); Statement statement = connection.createStatement()) {
			try (ResultSet autovacuum = statement.executeQuery("select current_setting('autovacuum')")) {
				if (autovacuum.next() && "on".equals(autovacuum.getString(1))) {
					return;
				}
			}
			statement.execute("analyze durable_workflow, durable_event");
			if (!connection.getAutoCommit()) {
				connection.commit();
			}
			logger.info("PostgreSQL's autovacuum is off, so Durable analyzed durable_workflow and durable_event "
					+ "itself, once, after this node created " + this.threshold + " workflows: its prepared "
					+ "statements now look workflows up by key instead of reading the whole table");
		}
		catch (SQLException | RuntimeException ex) {
			logger.warn("Could not analyze durable_workflow and durable_event (" + ex + "); with autovacuum off, "
					+ "run ANALYZE on them once they hold a few thousand workflows, or journal writes scan them whole");
		}
		finally {
			this.checks.incrementAndGet();
		}
	}

}
