package dev.durable.sample;

import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import dev.durable.WorkflowClient;
import dev.durable.WorkflowHandle;
import dev.durable.WorkflowStatus;
import dev.durable.sample.transfer.AccountRepository;
import dev.durable.sample.transfer.TransferReceipt;
import dev.durable.sample.transfer.TransferRequest;
import dev.durable.sample.transfer.TransferWorkflow;
import dev.durable.testing.DurableTest;
import dev.durable.testing.WorkflowCrashes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The money transfer crashed at each of its steps, in-process: whenever the process dies, the
 * account is debited once and the bank credited once after recovery.
 */
@DurableTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class TransferCrashTests {

	private static final Duration AWAIT = Duration.ofSeconds(30);

	private static final long AMOUNT = 5000;

	@Autowired
	WorkflowClient workflows;

	@Autowired
	TransferWorkflow transfers;

	@Autowired
	AccountRepository accounts;

	@Autowired
	WorkflowCrashes crashes;

	@LocalServerPort
	int port;

	ShopClient shop;

	long balanceBefore;

	@BeforeEach
	void connect() {
		this.shop = new ShopClient(this.port);
		this.balanceBefore = balance();
	}

	@Test
	void aCrashRightAfterTheWithdrawalIsRecordedDoesNotWithdrawTwice() throws Exception {
		this.crashes.crashAfter("AccountActivities.withdraw");
		String id = start("after-withdraw");
		this.crashes.awaitCrash(id);
		assertThat(balance()).isEqualTo(this.balanceBefore - AMOUNT);
		assertThat(this.shop.operations("bank", id)).as("nothing after the withdrawal ran").isEmpty();
		assertThat(this.workflows.handle(id).status()).isEqualTo(WorkflowStatus.RUNNING);

		this.crashes.recover(id);

		assertThat(receipt(id).withdrawalId()).isEqualTo("WD-" + id);
		assertThat(balance()).as("the recorded withdrawal is replayed, not repeated")
			.isEqualTo(this.balanceBefore - AMOUNT);
		assertThat(this.shop.operations("bank", id)).containsExactly("deposit");
	}

	@Test
	void aCrashBeforeTheWithdrawalIsRecordedRollsItBackAndWithdrawsOnceOnRecovery() throws Exception {
		this.crashes.crashBeforeRecording("withdraw");
		String id = start("before-withdraw-record");
		this.crashes.awaitCrash(id);
		// The withdrawal and its record are one transaction: the crash took both.
		assertThat(balance()).isEqualTo(this.balanceBefore);

		this.crashes.recover(id);

		receipt(id);
		assertThat(balance()).isEqualTo(this.balanceBefore - AMOUNT);
		assertThat(this.shop.operations("bank", id)).containsExactly("deposit");
	}

	@Test
	void aCrashRightAfterTheDepositIsRecordedCompletesWithOneDeposit() throws Exception {
		this.crashes.crashAfter("deposit");
		String id = start("after-deposit");
		this.crashes.awaitCrash(id);
		assertThat(this.shop.operations("bank", id)).containsExactly("deposit");

		this.crashes.recover(id);

		receipt(id);
		assertThat(balance()).isEqualTo(this.balanceBefore - AMOUNT);
		assertThat(depositRequests(id)).as("the recorded deposit is not sent again").containsExactly(1);
	}

	@Test
	void aCrashBeforeTheDepositIsRecordedSendsItAgainAndTheBankBooksItOnce() throws Exception {
		this.crashes.crashBeforeRecording("deposit");
		String id = start("before-deposit-record");
		this.crashes.awaitCrash(id);
		assertThat(this.shop.operations("bank", id)).as("the bank booked it before the crash").containsExactly("deposit");

		this.crashes.recover(id);

		receipt(id);
		assertThat(balance()).isEqualTo(this.balanceBefore - AMOUNT);
		// Sent twice with the step's idempotency key, booked once.
		assertThat(this.shop.operations("bank", id)).containsExactly("deposit");
		assertThat(depositRequests(id)).containsExactly(2);
	}

	private String start(String name) {
		String id = "transfer-" + name;
		this.workflows.start(id, () -> this.transfers.transfer(id,
				new TransferRequest("shop-main", "DE02100100100006820101", AMOUNT)));
		return id;
	}

	private TransferReceipt receipt(String id) {
		WorkflowHandle<TransferReceipt> handle = this.workflows.handle(id);
		return handle.await(AWAIT);
	}

	private long balance() {
		return this.accounts.findById("shop-main").orElseThrow().getBalanceCents();
	}

	private List<Integer> depositRequests(String id) throws Exception {
		return JsonPath.read(this.shop.get("/simulated/bank"), "$.operations[?(@.reference == '" + id + "')].requests");
	}

}
