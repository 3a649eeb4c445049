package dev.durable.bench.startup.app;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application's one controller; never called, it is there to be mapped at start-up.
 */
@RestController
public class NoteController {

	private final NoteRepository notes;

	public NoteController(NoteRepository notes) {
		this.notes = notes;
	}

	@GetMapping("/notes")
	public List<Note> notes() {
		return this.notes.findAll();
	}

}
