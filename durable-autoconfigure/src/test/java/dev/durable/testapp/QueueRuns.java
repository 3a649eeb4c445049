package dev.durable.testapp;

import dev.durable.annotation.Activity;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Records when each queued workflow began and ended, in the application's table
 * {@code queue_run} (wall-clock milliseconds) with the node that began it, so that a test can check the queue's limits from
 * what the workflows did, whichever node ran them.
 */
@Activity
public class QueueRuns {

	private final JdbcTemplate jdbc;

	private final String node;

	public QueueRuns(JdbcTemplate jdbc, @Value("${durable.node-id:local}") String node) {
		this.jdbc = jdbc;
		this.node = node;
		TestTables.create(jdbc, "create table if not exists queue_run (workflow_id varchar(255) not null primary key, "
				+ "started_at bigint not null, ended_at bigint, node varchar(255))");
	}

	public void begin(String workflowId) {
		long now = System.currentTimeMillis();
		if (this.jdbc.update("update queue_run set started_at = ?, node = ? where workflow_id = ?", now, this.node,
				workflowId) == 0) {
			this.jdbc.update("insert into queue_run (workflow_id, started_at, node) values (?, ?, ?)", workflowId, now,
					this.node);
		}
	}

	public void hold(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while holding", ex);
		}
	}

	public void end(String workflowId) {
		this.jdbc.update("update queue_run set ended_at = ? where workflow_id = ?", System.currentTimeMillis(),
				workflowId);
	}

}
