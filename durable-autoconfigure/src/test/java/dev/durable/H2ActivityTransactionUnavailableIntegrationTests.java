package dev.durable;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.WorkflowStore;
import dev.durable.testapp.OrderWorkflow;
import dev.durable.testapp.ShopOrderRepository;
import dev.durable.testapp.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A transactional activity whose transaction cannot begin because the database is unreachable
 * (here: the connection it asks for is refused) has not run: the engine must not journal that as a
 * failed attempt of the activity, which would use up its retries over a database outage.
 */
@SpringBootTest(classes = { TestApplication.class, H2ActivityTransactionUnavailableIntegrationTests.Refusing.class },
		properties = "durable.worker.lease-duration=1s")
class H2ActivityTransactionUnavailableIntegrationTests {

	/** Connections still to refuse to code running inside an activity. */
	static final AtomicInteger refuseInActivity = new AtomicInteger();

	@Autowired
	WorkflowClient client;

	@Autowired
	OrderWorkflow orders;

	@Autowired
	WorkflowStore store;

	@Autowired
	ShopOrderRepository shopOrders;

	@Test
	void anActivityWhoseTransactionCannotBeginRunsLaterWithoutAFailedAttempt() {
		String id = "unreachable-" + UUID.randomUUID();
		refuseInActivity.set(1);
		WorkflowHandle<String> handle = this.client.start(id, () -> ledger(id));
		assertThat(handle.await(Duration.ofSeconds(30))).isEqualTo(id + "-attempt-1");
		assertThat(refuseInActivity.get()).as("connections left to refuse").isZero();
		List<JournalEvent> journal = this.store.journal(id);
		assertThat(journal).extracting(JournalEvent::kind)
			.containsExactly(EventKind.WORKFLOW_STARTED, EventKind.ACTIVITY_COMPLETED, EventKind.WORKFLOW_COMPLETED);
		assertThat(journal.get(1).attempt()).as("attempt of the recorded completion").isEqualTo(1);
		assertThat(this.shopOrders.findById(id + "-attempt-1")).isPresent();
	}

	private String ledger(String id) {
		try {
			return this.orders.ledger(id, false);
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Refuses the next connections asked for inside an activity, as a database that went away would.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class Refusing {

		@Bean
		static BeanPostProcessor refusingDataSource() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					return (bean instanceof DataSource dataSource) ? new RefusingDataSource(dataSource) : bean;
				}

			};
		}

	}

	static final class RefusingDataSource extends DelegatingDataSource {

		RefusingDataSource(DataSource target) {
			super(target);
		}

		@Override
		public Connection getConnection() throws SQLException {
			if (insideActivity() && refuseInActivity.getAndUpdate((left) -> Math.max(0, left - 1)) > 0) {
				throw new SQLException("Connection refused: the database is unreachable (test)", "08001");
			}
			return super.getConnection();
		}

		private static boolean insideActivity() {
			try {
				ActivityContext.workflowId();
				return true;
			}
			catch (IllegalStateException ex) {
				return false;
			}
		}

	}

}
