package dev.durable.autoconfigure;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.durable.actuate.DurableHealthIndicator;
import dev.durable.engine.DurableConfigurationException;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What start-up does about the journal's database: it makes an H2 file's commits durable or
 * refuses to start, says loudly that an in-memory journal is lost at restart, and refuses a
 * database the journal does not run on.
 */
@ExtendWith(OutputCaptureExtension.class)
class JournalDatabaseTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				HibernateJpaAutoConfiguration.class, TransactionAutoConfiguration.class, JacksonAutoConfiguration.class,
				DurableJpaAutoConfiguration.class, DurableAutoConfiguration.class,
				DurableHealthAutoConfiguration.class));

	@TempDir
	Path workDir;

	@Test
	void anInMemoryJournalIsAWarningAtStartUpNamingTheFix(CapturedOutput output) {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).contains("WARN")
				.contains("The Durable journal is in the in-memory database jdbc:h2:mem:")
				.contains("every workflow is lost when the application stops")
				.contains("spring.datasource.url=jdbc:h2:file:./data/app");
		});
	}

	@Test
	void anInMemoryJournalIsADetailOfTheHealthWhichStaysUp() {
		this.runner.run((context) -> {
			Health health = context.getBean(DurableHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("journal", "in-memory: lost at restart; "
					+ "set spring.datasource.url=jdbc:h2:file:./data/app to keep workflows");
		});
	}

	@Test
	void aJournalInAFileNeitherWarnsNorShowsAJournalDetail(CapturedOutput output) {
		this.runner.withPropertyValues("spring.datasource.url=jdbc:h2:file:" + this.workDir.resolve("quiet"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).doesNotContain("The Durable journal is in the in-memory database");
				assertThat(context.getBean(DurableHealthIndicator.class).health(true).getDetails())
					.doesNotContainKey("journal");
			});
	}

	@Test
	void everyCommitOfAnH2FileReachesTheFileWhateverTheUrlForm() throws Exception {
		Path relative = Path.of("").toAbsolutePath().relativize(this.workDir.resolve("relative"));
		for (String url : List.of("jdbc:h2:file:" + this.workDir.resolve("file"), "jdbc:h2:./" + relative,
				"jdbc:h2:" + this.workDir.resolve("absolute") + ";DB_CLOSE_ON_EXIT=FALSE")) {
			this.runner.withPropertyValues("spring.datasource.url=" + url).run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(writeDelays(context.getBean(DataSource.class))).as(url).containsOnly("0");
			});
		}
	}

	@Test
	void commitsStayDurableAfterEveryOtherConnectionClosed() throws Exception {
		// No pool: every connection but Durable's own closes at once, and H2 would close the
		// database and forget the setting with the last one.
		String url = "jdbc:h2:file:" + this.workDir.resolve("unpooled");
		this.runner
			.withPropertyValues("spring.datasource.url=" + url,
					"spring.datasource.type=org.springframework.jdbc.datasource.SimpleDriverDataSource")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(writeDelays(context.getBean(DataSource.class))).containsOnly("0");
			});
	}

	@Test
	void everyCommitOfAnH2ServersFileReachesTheFile() throws Exception {
		Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", this.workDir.toString())
			.start();
		try {
			this.runner.withPropertyValues("spring.datasource.url=jdbc:h2:tcp://localhost:" + server.getPort()
					+ "/./served", "durable.jdbc.initialize-schema=always").run((context) -> {
						assertThat(context).hasNotFailed();
						assertThat(writeDelays(context.getBean(DataSource.class))).containsOnly("0");
					});
		}
		finally {
			server.stop();
		}
	}

	@Test
	void anH2UserWithoutAdminRightsOnAFileWithAWriteDelayFailsStartUpNamingTheFix() throws Exception {
		// The admin connection keeps the database open, as the application finds it.
		String url = "jdbc:h2:file:" + this.workDir.resolve("guarded");
		try (Connection admin = DriverManager.getConnection(url, "sa", "");
				Statement statement = admin.createStatement()) {
			statement.execute("create user app password 'app'");
			this.runner
				.withPropertyValues("spring.datasource.url=" + url, "spring.datasource.username=app",
						"spring.datasource.password=app")
				.run((context) -> {
					assertThat(context).hasFailed();
					FailureAnalysis analysis = new DurableConfigurationFailureAnalyzer()
						.analyze(context.getStartupFailure());
					assertThat(analysis.getDescription()).contains("H2 database " + url)
						.contains("would lose commits to a crash")
						.contains("WRITE_DELAY is 500 ms");
					assertThat(analysis.getAction()).contains("Add ;WRITE_DELAY=0 to spring.datasource.url");
				});
			statement.execute("shutdown");
		}
	}

	@Test
	void anUnsupportedDatabaseFailsStartUpNamingItAndTheSupportedOnes() {
		this.runner.withPropertyValues("spring.datasource.url=jdbc:hsqldb:mem:unsupported").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().isInstanceOf(DurableConfigurationException.class);
			FailureAnalysis analysis = new DurableConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription())
				.contains("cannot run on the application's database HSQL Database Engine (jdbc:hsqldb:mem:unsupported)")
				.contains("H2, PostgreSQL");
			assertThat(analysis.getAction()).contains("spring.datasource.url").contains("durable.enabled=false");
		});
	}

	/**
	 * Return the write delays H2 reports: the setting it stores and the one in effect.
	 */
	private static List<String> writeDelays(DataSource dataSource) throws SQLException {
		List<String> delays = new ArrayList<>();
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
				ResultSet settings = statement.executeQuery(
						"select setting_value from information_schema.settings where setting_name = 'WRITE_DELAY'")) {
			while (settings.next()) {
				delays.add(settings.getString(1));
			}
		}
		return delays;
	}

}
