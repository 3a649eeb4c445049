package dev.durable.sample.transfer;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.durable.WorkflowClient;
import dev.durable.WorkflowFailedException;
import dev.durable.WorkflowHandle;
import dev.durable.WorkflowNotFoundException;
import dev.durable.WorkflowStatus;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The transfer API: start a transfer, look it up, and see an account's balance.
 */
@RestController
public class TransferController {

	private final WorkflowClient workflows;

	private final TransferWorkflow transfers;

	private final AccountRepository accounts;

	TransferController(WorkflowClient workflows, TransferWorkflow transfers, AccountRepository accounts) {
		this.workflows = workflows;
		this.transfers = transfers;
		this.accounts = accounts;
	}

	@PostMapping("/transfers")
	ResponseEntity<Map<String, String>> start(@RequestBody TransferRequest request) {
		String transferId = "transfer-" + UUID.randomUUID().toString().substring(0, 8);
		this.workflows.start(transferId, () -> this.transfers.transfer(transferId, request));
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("transferId", transferId));
	}

	@GetMapping("/transfers/{transferId}")
	Map<String, Object> transfer(@PathVariable String transferId) {
		WorkflowHandle<TransferReceipt> handle = this.workflows.handle(transferId);
		WorkflowStatus status = handle.status();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("transferId", transferId);
		body.put("status", status);
		if (status == WorkflowStatus.COMPLETED) {
			body.put("receipt", handle.await(Duration.ZERO));
		}
		else if (status == WorkflowStatus.FAILED) {
			try {
				handle.await(Duration.ZERO);
			}
			catch (WorkflowFailedException ex) {
				body.put("error", ex.getMessage());
			}
		}
		return body;
	}

	@GetMapping("/accounts/{accountId}")
	ResponseEntity<Map<String, Object>> account(@PathVariable String accountId) {
		return this.accounts.findById(accountId)
			.map((account) -> ResponseEntity
				.ok(Map.<String, Object>of("accountId", account.getId(), "balanceCents", account.getBalanceCents())))
			.orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
				.body(Map.of("error", "No account " + accountId)));
	}

	@ExceptionHandler(WorkflowNotFoundException.class)
	ResponseEntity<Map<String, String>> notFound(WorkflowNotFoundException ex) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", ex.getMessage()));
	}

}
