package dev.durable.sample.transfer;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * The shop's accounts.
 */
public interface AccountRepository extends JpaRepository<Account, String> {

}
