package dev.durable.sample.transfer;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens the demo's account {@value #DEMO_ACCOUNT} with 1,000.00 on first start.
 */
@Component
class DemoAccounts implements ApplicationRunner {

	static final String DEMO_ACCOUNT = "shop-main";

	private final AccountRepository accounts;

	DemoAccounts(AccountRepository accounts) {
		this.accounts = accounts;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (!this.accounts.existsById(DEMO_ACCOUNT)) {
			this.accounts.save(new Account(DEMO_ACCOUNT, 100_000));
		}
	}

}
