package dev.durable.store;

import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.model.relational.Sequence;
import org.hibernate.mapping.Table;
import org.hibernate.tool.schema.spi.SchemaFilter;
import org.hibernate.tool.schema.spi.SchemaFilterProvider;

/**
 * Keeps Hibernate's schema tooling ({@code ddl-auto}) away from Durable's tables, which our own
 * scripts create and which must never be dropped with the application's in-memory schema.
 */
public class DurableSchemaFilterProvider implements SchemaFilterProvider {

	private static final SchemaFilter EXCLUDE_DURABLE_TABLES = new SchemaFilter() {

		@Override
		public boolean includeNamespace(Namespace namespace) {
			return true;
		}

		@Override
		public boolean includeTable(Table table) {
			return !table.getName().toLowerCase(java.util.Locale.ROOT).startsWith("durable_");
		}

		@Override
		public boolean includeSequence(Sequence sequence) {
			return true;
		}

	};

	@Override
	public SchemaFilter getCreateFilter() {
		return EXCLUDE_DURABLE_TABLES;
	}

	@Override
	public SchemaFilter getDropFilter() {
		return EXCLUDE_DURABLE_TABLES;
	}

	@Override
	public SchemaFilter getTruncatorFilter() {
		return EXCLUDE_DURABLE_TABLES;
	}

	@Override
	public SchemaFilter getMigrateFilter() {
		return EXCLUDE_DURABLE_TABLES;
	}

	@Override
	public SchemaFilter getValidateFilter() {
		return EXCLUDE_DURABLE_TABLES;
	}

}
