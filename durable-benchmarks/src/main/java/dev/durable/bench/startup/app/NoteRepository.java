package dev.durable.bench.startup.app;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * The application's one Spring Data repository.
 */
public interface NoteRepository extends JpaRepository<Note, Long> {

}
