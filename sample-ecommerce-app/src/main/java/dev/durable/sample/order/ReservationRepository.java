package dev.durable.sample.order;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * The warehouse's reservations.
 */
public interface ReservationRepository extends JpaRepository<Reservation, String> {

}
