package dev.durable.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Gives the context of a {@link DurableTest} its database, its test defaults and the test beans.
 * Registered in {@code META-INF/spring.factories}; does nothing for other tests.
 */
class DurableTestContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		DurableTest annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass, DurableTest.class);
		return (annotation != null) ? new DurableTestContextCustomizer(annotation.isolatedDatabase()) : null;
	}

	/**
	 * Adds the properties and beans. Equal for equal settings, so that Spring's context cache
	 * keys stay meaningful; the database name is chosen per context, when it is created.
	 */
	private static final class DurableTestContextCustomizer implements ContextCustomizer {

		static final String PROPERTY_SOURCE = "durableTest";

		private final boolean isolatedDatabase;

		DurableTestContextCustomizer(boolean isolatedDatabase) {
			this.isolatedDatabase = isolatedDatabase;
		}

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			ConfigurableEnvironment environment = context.getEnvironment();
			Map<String, Object> properties = new LinkedHashMap<>();
			if (this.isolatedDatabase) {
				properties.put("spring.datasource.url",
						"jdbc:h2:mem:durable-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE");
				properties.put("spring.datasource.driver-class-name", "org.h2.Driver");
				properties.put("spring.datasource.username", "sa");
				properties.put("spring.datasource.password", "");
				// Hibernate detects H2 by itself; only a dialect the application names must be replaced.
				for (String dialect : new String[] { "spring.jpa.database-platform",
						"spring.jpa.properties.hibernate.dialect" }) {
					if (environment.containsProperty(dialect)) {
						properties.put(dialect, "org.hibernate.dialect.H2Dialect");
					}
				}
				properties.put("durable.jdbc.platform", "h2");
				properties.put("durable.jdbc.initialize-schema", "embedded");
			}
			MutablePropertySources sources = environment.getPropertySources();
			MapPropertySource database = new MapPropertySource(PROPERTY_SOURCE, properties);
			// Above the application's own configuration, below the test's inlined properties.
			if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
				sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, database);
			}
			else {
				sources.addFirst(database);
			}
			// Defaults only: beneath everything the application and the test configure.
			sources.addLast(new MapPropertySource(PROPERTY_SOURCE + "Defaults",
					Map.of("durable.worker.lease-duration", "3650d", "durable.retention.enabled", "false",
							"durable.worker.poll-interval", "50ms")));
			if (context instanceof BeanDefinitionRegistry registry) {
				registry.registerBeanDefinition(DurableTestConfiguration.class.getName(),
						new RootBeanDefinition(DurableTestConfiguration.class));
			}
		}

		@Override
		public boolean equals(Object other) {
			return (other instanceof DurableTestContextCustomizer customizer)
					&& customizer.isolatedDatabase == this.isolatedDatabase;
		}

		@Override
		public int hashCode() {
			return Boolean.hashCode(this.isolatedDatabase);
		}

	}

}
