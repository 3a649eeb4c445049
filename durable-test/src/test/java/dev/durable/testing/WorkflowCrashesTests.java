package dev.durable.testing;

import java.time.Instant;

import dev.durable.engine.fault.ActivityFaults;
import dev.durable.engine.fault.RunAbandonedError;
import dev.durable.engine.journal.ClaimedWorkflow;
import dev.durable.engine.journal.WorkflowStore;
import dev.durable.engine.run.LeaseKeeper;
import org.junit.jupiter.api.Test;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.TestContext;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class WorkflowCrashesTests {

	private final WorkflowStore store = mock(WorkflowStore.class);

	private final WorkflowCrashes crashes = new WorkflowCrashes(this.store, new LeaseKeeper(this.store)::running,
			new DurableTestClock(Instant.parse("2026-01-31T10:00:00Z")), () -> {
			});

	private final ActivityFaults faults = this.crashes.faults();

	private final ClaimedWorkflow claim = new ClaimedWorkflow("transfer-1", "token");

	@Test
	void aCrashPointMatchesTheActivitysFullOrMethodNameAndFiresOnce() {
		this.crashes.crashAfter("withdraw");
		assertThatCode(() -> this.faults.afterCompletionRecorded(this.claim, "BankActivities.deposit"))
			.doesNotThrowAnyException();
		assertThatCode(() -> this.faults.beforeCompletionRecorded(this.claim, "AccountActivities.withdraw"))
			.as("armed for after the record, not before").doesNotThrowAnyException();
		assertThatExceptionOfType(RunAbandonedError.class)
			.isThrownBy(() -> this.faults.afterCompletionRecorded(this.claim, "AccountActivities.withdraw"))
			.withMessageContaining("crash injected by WorkflowCrashes after recording activity 'AccountActivities.withdraw'");
		assertThatCode(() -> this.faults.afterCompletionRecorded(this.claim, "AccountActivities.withdraw"))
			.as("the resumed run is not crashed again").doesNotThrowAnyException();
	}

	@Test
	void aCrashAfterCompletionsFiresAtTheNthAndTheCrashedRunRecordsNothingMore() {
		this.crashes.crashAfterCompletions("reserve", 3);
		ClaimedWorkflow other = new ClaimedWorkflow("transfer-2", "token");
		assertThatCode(() -> this.faults.afterCompletionRecorded(this.claim, "Stock.reserve")).doesNotThrowAnyException();
		assertThatCode(() -> this.faults.afterCompletionRecorded(other, "Stock.reserve")).doesNotThrowAnyException();
		assertThatExceptionOfType(RunAbandonedError.class)
			.isThrownBy(() -> this.faults.afterCompletionRecorded(this.claim, "Stock.reserve"));
		assertThatExceptionOfType(RunAbandonedError.class)
			.as("an activity future of the crashed run that ends later is not recorded")
			.isThrownBy(() -> this.faults.beforeCompletionRecorded(this.claim, "Stock.reserve"))
			.withMessageContaining("ended after its run crashed");
		assertThatCode(() -> this.faults.beforeCompletionRecorded(other, "Stock.reserve"))
			.as("other runs record as before").doesNotThrowAnyException();
	}

	@Test
	void aCrashPointNotReachedByATestIsDisarmedBeforeTheNextTest() throws Exception {
		this.crashes.crashBeforeRecording("AccountActivities.withdraw");
		GenericApplicationContext context = new GenericApplicationContext();
		context.registerBean(WorkflowCrashes.class, () -> this.crashes);
		context.refresh();
		TestContext test = mock(TestContext.class);
		given(test.hasApplicationContext()).willReturn(true);
		given(test.getApplicationContext()).willReturn(context);
		new DurableTestExecutionListener().afterTestMethod(test);
		assertThatCode(() -> this.faults.beforeCompletionRecorded(this.claim, "AccountActivities.withdraw"))
			.doesNotThrowAnyException();
		context.close();
	}

}
