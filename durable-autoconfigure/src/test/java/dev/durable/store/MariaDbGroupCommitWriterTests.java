package dev.durable.store;

import javax.sql.DataSource;

import dev.durable.test.MariaDbTestDatabase;
import org.junit.jupiter.api.AfterEach;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The group-commit writer on MariaDB: a locking read of the fenced rows, then multi-row inserts,
 * in one transaction.
 */
class MariaDbGroupCommitWriterTests extends AbstractGroupCommitWriterTests {

	private MariaDbTestDatabase database;

	@Override
	DataSource createDataSource() {
		this.database = MariaDbTestDatabase.create();
		return new SimpleDriverDataSource(new org.mariadb.jdbc.Driver(), this.database.url(), MariaDbTestDatabase.USER,
				MariaDbTestDatabase.PASSWORD);
	}

	@AfterEach
	void dropDatabase() {
		this.database.drop();
	}

	@Override
	DatabasePlatform platform() {
		return DatabasePlatform.MARIADB;
	}

}
