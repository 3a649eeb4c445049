package dev.durable.autoconfigure;

import dev.durable.store.StoreDialect;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Says that a journal in an in-memory database is lost when the process ends: Spring Boot's
 * default when the application sets no {@code spring.datasource.url}.
 */
final class InMemoryJournal {

	/** The {@code journal} detail of the {@code durable} health indicator. */
	static final String HEALTH_DETAIL = "in-memory: lost at restart; "
			+ "set spring.datasource.url=jdbc:h2:file:./data/app to keep workflows";

	private static final Log logger = LogFactory.getLog(InMemoryJournal.class);

	private InMemoryJournal() {
	}

	static void warn(StoreDialect dialect) {
		logger.warn("The Durable journal is in the in-memory database " + dialect.url()
				+ ", so every workflow is lost when the application stops or crashes. To keep them, "
				+ "put the journal in a file or a server, e.g. spring.datasource.url=jdbc:h2:file:./data/app");
	}

}
