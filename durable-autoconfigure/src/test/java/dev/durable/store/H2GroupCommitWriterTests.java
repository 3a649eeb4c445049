package dev.durable.store;

import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The group-commit writer on H2, one statement after another in the shared transaction.
 */
class H2GroupCommitWriterTests extends AbstractGroupCommitWriterTests {

	@Override
	DataSource createDataSource() {
		return new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:mem:group-commit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
	}

	@Override
	DatabasePlatform platform() {
		return DatabasePlatform.H2;
	}

}
