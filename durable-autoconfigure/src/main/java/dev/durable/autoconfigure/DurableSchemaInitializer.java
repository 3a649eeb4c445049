package dev.durable.autoconfigure;

import java.util.List;

import javax.sql.DataSource;

import dev.durable.store.StoreDialect;

import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.util.StringUtils;

/**
 * Creates the journal's tables from {@code dev/durable/store/schema-<platform>.sql} according to
 * {@code durable.jdbc.initialize-schema}. The scripts are safe to run on every start.
 */
public class DurableSchemaInitializer extends DataSourceScriptDatabaseInitializer {

	static final String SCHEMA_LOCATION = "classpath:dev/durable/store/schema-@@platform@@.sql";

	private final boolean singleProcess;

	/**
	 * Create the initializer.
	 * @param dataSource the application's data source
	 * @param properties the journal's schema settings
	 */
	public DurableSchemaInitializer(DataSource dataSource, DurableProperties.Jdbc properties) {
		super(dataSource, settings(dataSource, properties));
		this.singleProcess = StoreDialect.detect(dataSource).singleProcess();
	}

	/**
	 * Treat file-based H2 and HSQLDB as embedded too: they belong to this one process, and the
	 * sample application's durable journal lives in such a file.
	 */
	@Override
	protected boolean isEmbeddedDatabase() {
		return this.singleProcess || super.isEmbeddedDatabase();
	}

	private static DatabaseInitializationSettings settings(DataSource dataSource, DurableProperties.Jdbc properties) {
		PlatformPlaceholderDatabaseDriverResolver resolver = new PlatformPlaceholderDatabaseDriverResolver();
		List<String> locations = StringUtils.hasText(properties.getPlatform())
				? resolver.resolveAll(properties.getPlatform(), SCHEMA_LOCATION)
				: resolver.resolveAll(dataSource, SCHEMA_LOCATION);
		DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
		settings.setSchemaLocations(locations);
		settings.setMode(properties.getInitializeSchema());
		return settings;
	}

}
