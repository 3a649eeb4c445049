package dev.durable;

import java.time.Duration;
import java.util.List;

import dev.durable.test.ChaosJournal;
import dev.durable.test.ChaosNode;
import dev.durable.test.MariaDbTestDatabase;
import org.jspecify.annotations.Nullable;

/**
 * The multi-node process test on MariaDB: claims that skip each other's locked rows, the fence of
 * a paused node's late writes, and group commits that lock, then insert, under three nodes.
 */
class MariaDbMultiNodeIntegrationTests extends AbstractMultiNodeIntegrationTests {

	private @Nullable MariaDbTestDatabase database;

	@Override
	ChaosJournal createDatabase() {
		MariaDbTestDatabase created = MariaDbTestDatabase.create();
		this.database = created;
		return new ChaosJournal(created.url(), MariaDbTestDatabase.USER, MariaDbTestDatabase.PASSWORD);
	}

	@Override
	List<String> nodeArguments(Duration lease) {
		return ChaosNode.mariaDbArguments(this.database.url(), MariaDbTestDatabase.USER, MariaDbTestDatabase.PASSWORD,
				lease);
	}

	@Override
	void dropDatabase() {
		if (this.database != null) {
			this.database.drop();
		}
	}

}
