package dev.durable.autoconfigure;

import java.util.UUID;

import javax.sql.DataSource;

import dev.durable.test.PostgresTestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A journal created by 0.1, before events recorded when their step began: the schema scripts of
 * H2 and PostgreSQL add the column at start-up, and the rows already there keep a null begin time.
 */
class JournalSchemaUpgradeIntegrationTests {

	@Test
	void anH2JournalOfTheLastVersionGainsTheBeginTimeOfEachStep() {
		DataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:upgrade-" + UUID.randomUUID()
				+ ";DB_CLOSE_DELAY=-1", "sa", "");
		upgradesAJournalWithoutBeginTimes(dataSource);
	}

	@Test
	void aPostgresJournalOfTheLastVersionGainsTheBeginTimeOfEachStep() {
		PostgresTestDatabase database = PostgresTestDatabase.create();
		try {
			upgradesAJournalWithoutBeginTimes(new DriverManagerDataSource(database.url(), PostgresTestDatabase.USER,
					System.getProperty("durable.test.postgres.password", "")));
		}
		finally {
			database.drop();
		}
	}

	private static void upgradesAJournalWithoutBeginTimes(DataSource dataSource) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		initialize(dataSource);
		// What 0.1 created: the event table without the column, holding a recorded step.
		jdbc.execute("alter table durable_event drop column started_at");
		jdbc.update("insert into durable_workflow (id, type, status, input, created_at, updated_at) "
				+ "values ('old', 'Orders.place', 'WAITING', '[]', current_timestamp, current_timestamp)");
		jdbc.update("insert into durable_event (workflow_id, seq, step, kind, name, attempt, recorded_at) "
				+ "values ('old', 1, 1, 'ACTIVITY_COMPLETED', 'Stock.reserve', 1, current_timestamp)");

		initialize(dataSource);

		assertThat(jdbc.queryForObject("select count(*) from durable_event where workflow_id = 'old' "
				+ "and started_at is null", Integer.class)).as("the old step, kept, with no begin time").isEqualTo(1);
	}

	private static void initialize(DataSource dataSource) {
		DurableProperties.Jdbc settings = new DurableProperties.Jdbc();
		settings.setInitializeSchema(DatabaseInitializationMode.ALWAYS);
		assertThat(new DurableSchemaInitializer(dataSource, settings).initializeDatabase()).isTrue();
	}

}
