package dev.durable.store;

import dev.durable.engine.DurableConfigurationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The journal's database told apart by product name, and H2's URL forms: in memory or on disk,
 * embedded or a server.
 */
class StoreDialectTests {

	@Test
	void h2FilesInEveryUrlFormAreEmbeddedAndOnDisk() {
		for (String url : new String[] { "jdbc:h2:file:./data/app", "jdbc:h2:~/app", "jdbc:h2:./data/app",
				"jdbc:h2:/var/lib/app/db;DB_CLOSE_ON_EXIT=FALSE", "jdbc:h2:file:C:/data/app" }) {
			StoreDialect dialect = StoreDialect.of(DatabasePlatform.H2, url);
			assertThat(dialect.inMemory()).as(url).isFalse();
			assertThat(dialect.singleProcess()).as(url).isTrue();
		}
	}

	@Test
	void h2ServersAreNotSingleProcessAndInMemoryOnlyWhenTheyNameAMemoryDatabase() {
		assertThat(StoreDialect.of(DatabasePlatform.H2, "jdbc:h2:tcp://db.example:9092/~/app"))
			.returns(false, StoreDialect::singleProcess)
			.returns(false, StoreDialect::inMemory);
		assertThat(StoreDialect.of(DatabasePlatform.H2, "jdbc:h2:ssl://db.example/data/app"))
			.returns(false, StoreDialect::singleProcess)
			.returns(false, StoreDialect::inMemory);
		assertThat(StoreDialect.of(DatabasePlatform.H2, "jdbc:h2:tcp://localhost/mem:app"))
			.returns(false, StoreDialect::singleProcess)
			.returns(true, StoreDialect::inMemory);
		assertThat(StoreDialect.of(DatabasePlatform.H2, "jdbc:h2:./data/app;AUTO_SERVER=TRUE"))
			.returns(false, StoreDialect::singleProcess)
			.returns(false, StoreDialect::inMemory);
	}

	@Test
	void h2MemoryDatabasesAreInMemory() {
		assertThat(StoreDialect.of(DatabasePlatform.H2, "jdbc:h2:mem:6f1c;DB_CLOSE_DELAY=-1").inMemory()).isTrue();
		assertThat(StoreDialect.of(DatabasePlatform.H2, "jdbc:h2:mem:").inMemory()).isTrue();
	}

	@Test
	void anH2UrlTheDriverDoesNotReportIsTakenForAnEmbeddedFile() {
		assertThat(StoreDialect.of(DatabasePlatform.H2, ""))
			.returns(true, StoreDialect::singleProcess)
			.returns(false, StoreDialect::inMemory);
	}

	@Test
	void postgresqlIsAServerOnDisk() {
		assertThat(StoreDialect.of(DatabasePlatform.POSTGRESQL, "jdbc:postgresql://localhost/app"))
			.returns(true, StoreDialect::postgresql)
			.returns(false, StoreDialect::singleProcess)
			.returns(false, StoreDialect::inMemory);
	}

	@Test
	void platformsAreFoundByTheDriversProductName() {
		assertThat(DatabasePlatform.fromProductName("H2", "jdbc:h2:mem:x")).isEqualTo(DatabasePlatform.H2);
		assertThat(DatabasePlatform.fromProductName("PostgreSQL", "jdbc:postgresql://localhost/app"))
			.isEqualTo(DatabasePlatform.POSTGRESQL);
	}

	@Test
	void mariaDbAndMySqlAreOnePlatform() {
		assertThat(DatabasePlatform.fromProductName("MariaDB", "jdbc:mariadb://localhost/app"))
			.isEqualTo(DatabasePlatform.MARIADB);
		assertThat(DatabasePlatform.fromProductName("MySQL", "jdbc:mysql://localhost/app"))
			.isEqualTo(DatabasePlatform.MARIADB);
		assertThat(StoreDialect.of(DatabasePlatform.MARIADB, "jdbc:mariadb://localhost/app"))
			.returns(false, StoreDialect::singleProcess)
			.returns(false, StoreDialect::inMemory);
	}

	@Test
	void anotherProductIsRefusedNamingItTheUrlAndTheSupportedDatabases() {
		assertThatExceptionOfType(DurableConfigurationException.class)
			.isThrownBy(() -> DatabasePlatform.fromProductName("Oracle", "jdbc:oracle:thin:@localhost:1521/app"))
			.withMessageContaining("Oracle (jdbc:oracle:thin:@localhost:1521/app)")
			.withMessageContaining("H2, PostgreSQL, MariaDB, MySQL")
			.satisfies((ex) -> assertThat(ex.getAction()).contains("spring.datasource.url"));
	}

}
