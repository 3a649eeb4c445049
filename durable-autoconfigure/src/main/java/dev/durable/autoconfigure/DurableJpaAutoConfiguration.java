package dev.durable.autoconfigure;

import javax.sql.DataSource;

import dev.durable.store.DurableSchemaFilterProvider;
import dev.durable.store.EventEntity;
import dev.durable.store.H2CommitDurability;
import dev.durable.store.SignalEntity;
import dev.durable.store.StoreDialect;
import dev.durable.store.WorkflowEntity;
import jakarta.persistence.EntityManagerFactory;

import org.hibernate.cfg.SchemaToolingSettings;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jpa.autoconfigure.EntityManagerFactoryBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Prepares the application's persistence unit for the journal, before JPA starts: creates the
 * journal's tables, adds its two entities beside the application's own (never replacing its
 * entity scan), and keeps Hibernate's {@code ddl-auto} away from them.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class, before = HibernateJpaAutoConfiguration.class)
@ConditionalOnClass({ EntityManagerFactory.class, HibernatePropertiesCustomizer.class })
@ConditionalOnBooleanProperty(name = "durable.enabled", matchIfMissing = true)
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(DurableProperties.class)
public final class DurableJpaAutoConfiguration {

	/**
	 * The journal's database, detected once for the schema initializer and the store. Fails
	 * start-up on a database the journal does not run on, and warns when the journal is in memory.
	 */
	@Bean
	@ConditionalOnMissingBean
	StoreDialect durableStoreDialect(DataSource dataSource) {
		StoreDialect dialect = StoreDialect.detect(dataSource);
		if (dialect.inMemory()) {
			InMemoryJournal.warn(dialect);
		}
		return dialect;
	}

	/**
	 * Makes an H2 file's commits durable, and keeps them so while the application runs; the
	 * store depends on it, so no journal write comes first.
	 */
	@Bean
	H2CommitDurability durableH2CommitDurability(DataSource dataSource, StoreDialect dialect) {
		return H2CommitDurability.apply(dataSource, dialect);
	}

	@Bean
	@ConditionalOnMissingBean(DurableSchemaInitializer.class)
	DurableSchemaInitializer durableSchemaInitializer(DataSource dataSource, DurableProperties properties,
			StoreDialect dialect) {
		return new DurableSchemaInitializer(dataSource, properties.getJdbc(), dialect);
	}

	@Bean
	EntityManagerFactoryBuilderCustomizer durableEntityManagerFactoryBuilderCustomizer() {
		return (builder) -> builder.addPersistenceUnitPostProcessors((unit) -> {
			unit.addManagedClassName(WorkflowEntity.class.getName());
			unit.addManagedClassName(EventEntity.class.getName());
			unit.addManagedClassName(SignalEntity.class.getName());
		});
	}

	@Bean
	HibernatePropertiesCustomizer durableHibernatePropertiesCustomizer() {
		return (properties) -> properties.putIfAbsent(SchemaToolingSettings.HBM2DDL_FILTER_PROVIDER,
				new DurableSchemaFilterProvider());
	}

}
