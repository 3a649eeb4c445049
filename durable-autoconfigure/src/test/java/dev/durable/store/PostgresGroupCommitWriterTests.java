package dev.durable.store;

import javax.sql.DataSource;

import dev.durable.test.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The group-commit writer on PostgreSQL, each kind of write as one JDBC batch.
 */
class PostgresGroupCommitWriterTests extends AbstractGroupCommitWriterTests {

	private PostgresTestDatabase database;

	@Override
	DataSource createDataSource() {
		this.database = PostgresTestDatabase.create();
		return new SimpleDriverDataSource(new org.postgresql.Driver(), this.database.url(), PostgresTestDatabase.USER,
				System.getProperty("durable.test.postgres.password", ""));
	}

	@AfterEach
	void dropSchema() {
		this.database.drop();
	}

	@Override
	DatabasePlatform platform() {
		return DatabasePlatform.POSTGRESQL;
	}

}
