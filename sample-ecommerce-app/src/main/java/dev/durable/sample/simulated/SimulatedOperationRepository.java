package dev.durable.sample.simulated;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * The simulated services' records.
 */
public interface SimulatedOperationRepository extends JpaRepository<SimulatedOperation, String> {

	/**
	 * Return one service's operations, oldest first.
	 * @param service the service ({@code payments} or {@code bank})
	 * @return its operations
	 */
	List<SimulatedOperation> findByServiceOrderByCreatedAtAsc(String service);

}
